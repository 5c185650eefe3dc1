import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { defaultRecordResourcePaths, readResource } from '../record/record-resources';
import { wrapText } from '../record/wrap-text';
import { PATCH_NARROW_IN, PATCH_PATTERNS, PATCH_WIDE_IN, type PatchCode } from './patch-code';

const A4 = { width: 595.28, height: 841.89 };
const POINTS_PER_INCH = 72;
/** The pattern starts 0.5 in from the edge (Kodak: at least 0.25 in, at most 3.75 in). */
const EDGE = 0.5 * POINTS_PER_INCH;
/** Bars run across the page but 10 mm from each side (Kodak: at least 6 mm), crossing every patch reader. */
const SIDE = (10 / 25.4) * POINTS_PER_INCH;

/**
 * Draws the bars parallel to the top (or bottom) edge, the first bar of the pattern nearest that
 * edge: read from either end of the sheet, the code is the same, however the sheet is fed.
 */
function drawPatch(page: PDFPage, code: PatchCode, fromTop: boolean): void {
  let offset = EDGE;
  for (const bar of PATCH_PATTERNS[code]) {
    const thickness = (bar === 'W' ? PATCH_WIDE_IN : PATCH_NARROW_IN) * POINTS_PER_INCH;
    const y = fromTop ? A4.height - offset - thickness : offset;
    page.drawRectangle({ x: SIDE, y, width: A4.width - 2 * SIDE, height: thickness, color: rgb(0, 0, 0) });
    offset += thickness + PATCH_NARROW_IN * POINTS_PER_INCH;
  }
}

function writeCentred(page: PDFPage, font: PDFFont, text: string, size: number, top: number): number {
  let y = top;
  for (const line of wrapText(text, font, size, A4.width - 2 * 72)) {
    page.drawText(line, { x: (A4.width - font.widthOfTextAtSize(line, size)) / 2, y, size, font });
    y -= size * 1.35;
  }
  return y;
}

const CAPTION: Record<PatchCode, string> = {
  T: 'Tờ phân tách Patch T',
  '1': 'Patch 1',
  '2': 'Patch 2',
  '3': 'Patch 3',
  '4': 'Patch 4',
  '6': 'Patch 6',
};

/**
 * Kodak patch code sheets, A4, as vector bars at the specification's widths (Patch T: "transfer",
 * a new document). Put in front of each dossier before scanning, they split a flat scan into dossiers
 * in register order (`--separate patch-t`), on our side and on scanners and capture software that read
 * patch codes. To be printed at 100 % (not "fit to page"), black on white paper.
 */
export async function buildPatchSheets(code: PatchCode, count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const font = await doc.embedFont(await readResource(defaultRecordResourcePaths().textFont), { subset: true });
  doc.setTitle(CAPTION[code]);
  doc.setCreator('sohoa');
  for (let i = 0; i < count; i++) {
    const page = doc.addPage([A4.width, A4.height]);
    drawPatch(page, code, true);
    drawPatch(page, code, false);
    let y = writeCentred(page, font, CAPTION[code], 34, A4.height * 0.62);
    y -= 20;
    if (code === 'T')
      y = writeCentred(
        page,
        font,
        'Đặt trước mỗi hồ sơ khi quét: hồ sơ mới bắt đầu sau tờ này (sohoa batch --separate patch-t). Tờ này không được lưu thành trang.',
        14,
        y,
      );
    writeCentred(page, font, 'In đúng kích thước (100 %), không thu nhỏ; không viết, đóng dấu lên các vạch.', 11, y - 12);
  }
  return doc.save();
}

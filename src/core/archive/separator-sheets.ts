import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { defaultRecordResourcePaths, readResource } from '../record/record-resources';
import type { RegisterRow } from './register-import';
import { separatorPayload } from './separator-payload';
import { wrapText } from '../record/wrap-text';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
/** The QR code's side on paper, in points (7 cm): read at 150 dpi even when scanned crooked. */
const QR_SIDE = 198;

function drawQr(page: PDFPage, text: string, x: number, y: number, side: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  // A quiet zone of 4 modules on each side, as the standard asks.
  const cell = side / (n + 8);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue;
      page.drawRectangle({ x: x + (col + 4) * cell, y: y + side - (row + 5) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  }
}

/**
 * Separator sheets (tờ phân cách), one A4 page per register row: a QR code with the dossier's
 * identity and its box, number and title in large type. Put in front of each dossier before
 * scanning, they split a flat scan into dossiers (`--separate qr`) and are not kept as pages.
 */
export async function buildSeparatorSheets(rows: RegisterRow[], batchName: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const font = await doc.embedFont(await readResource(defaultRecordResourcePaths().textFont), { subset: true });
  doc.setTitle(`Tờ phân cách hồ sơ — ${batchName}`);
  doc.setCreator('sohoa');
  const width = A4.width - 2 * MARGIN;
  for (const row of rows) {
    const page = doc.addPage([A4.width, A4.height]);
    let y = A4.height - MARGIN - 20;
    const write = (text: string, size: number) => {
      for (const line of wrapText(text, font, size, width)) {
        page.drawText(line, { x: (A4.width - font.widthOfTextAtSize(line, size)) / 2, y, size, font });
        y -= size * 1.35;
      }
    };
    write('TỜ PHÂN CÁCH HỒ SƠ', 26);
    y -= 10;
    if (row.box) write(`Hộp số ${row.box}`, 40);
    write(`Hồ sơ số ${row.archiveNumber}`, 40);
    y -= 6;
    if (row.title) write(row.title, 20);
    const facts = [
      row.year ? `Năm ${row.year}` : '',
      row.expectedPages !== null ? `${row.expectedPages} trang` : '',
      row.retention ? `Bảo quản: ${row.retention}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    if (facts) write(facts, 14);
    drawQr(page, separatorPayload(row), (A4.width - QR_SIDE) / 2, MARGIN + 60, QR_SIDE);
    page.drawText(`Dòng ${row.line} của sổ theo dõi · ${batchName}`, { x: MARGIN, y: MARGIN, size: 9, font });
  }
  return doc.save();
}

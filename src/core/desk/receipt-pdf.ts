import { PDFDocument, type PDFPage } from 'pdf-lib';
import type { AgencyIdentity } from '../../shared/agency';
import type { ReceiptLine, ReceiptSheet } from '../../shared/receipt-sheet';
import type { Dossier } from '../../shared/types';
import { defaultRecordResourcePaths, readResource } from '../record/record-resources';
import { wrapText } from '../record/wrap-text';

export interface ReceiptInput {
  dossier: Dossier;
  /** The agency the dossier was taken in under. */
  agency: AgencyIdentity;
  /** The procedure's components, each with whether a document was received for it. */
  components: { name: string; received: boolean }[];
  issuedAt: Date;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const viDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '—');
/** Vietnam keeps one time zone (UTC+7, no daylight saving); a receipt shows the desk's time whatever the machine's clock zone. */
const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hourCycle: 'h23',
});
export function vietnamTime(at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => VIETNAM_TIME.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('hour')} giờ ${part('minute')} ngày ${part('day')}/${part('month')}/${part('year')}`;
}

/** What the receipt says, line by line: one source for its PDF and for the desk's print-out. */
export function receiptSheet(input: ReceiptInput): ReceiptSheet {
  const { dossier, agency } = input;
  const lines: ReceiptLine[] = [];
  const add = (text: string, size: number, opts: Omit<ReceiptLine, 'text' | 'size'> = {}) => lines.push({ text, size, ...opts });
  if (agency.parent) add(agency.parent.toUpperCase(), 11, { center: true });
  add(agency.name.toUpperCase(), 11, { center: true });
  add(`Mã định danh: ${agency.code}`, 9, { center: true });
  add('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc', 11, { center: true });
  add('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 15, { center: true, gapBefore: 14 });
  add(`Mã hồ sơ: ${dossier.code}`, 12, { center: true });
  add(`Tiếp nhận hồ sơ của: ${dossier.applicantName ?? '—'}`, 12, { gapBefore: 12 });
  add(`Số CCCD: ${dossier.applicantCccd ?? '—'}`, 12);
  if (dossier.applicantPhone) add(`Số điện thoại: ${dossier.applicantPhone}`, 12);
  if (dossier.applicantAddress) add(`Địa chỉ: ${dossier.applicantAddress}`, 12);
  add(`Thủ tục: ${dossier.procedureName ?? dossier.procedureCode ?? '—'}`, 12);
  add('Thành phần hồ sơ:', 12, { gapBefore: 6 });
  input.components.forEach((c, i) => add(`${i + 1}. ${c.name} — ${c.received ? 'đã nhận' : 'chưa nộp'}`, 12, { indent: 16 }));
  add(`Ngày tiếp nhận: ${viDate(dossier.receivedDate)}`, 12, { gapBefore: 6 });
  add(`Ngày hẹn trả kết quả: ${viDate(dossier.dueDate)}`, 12);
  if (agency.address) add(`Địa chỉ cơ quan: ${agency.address}`, 9, { gapBefore: 10 });
  const place = [agency.desk, agency.workstationName].filter(Boolean).join(', ');
  add(`Lập lúc ${vietnamTime(input.issuedAt)}${place ? ` — ${place}` : ''}`, 11, { gapBefore: agency.address ? 0 : 10 });
  return {
    title: `Giấy tiếp nhận hồ sơ ${dossier.code}`,
    lines,
    signatures: [
      { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký, ghi rõ họ tên)' },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký, ghi rõ họ tên)' },
    ],
  };
}

/** The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả) handed to the citizen, as a one-page PDF. */
export async function buildReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const sheet = receiptSheet(input);
  const doc = await PDFDocument.create();
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const paths = defaultRecordResourcePaths();
  const font = await doc.embedFont(await readResource(paths.stampFont), { subset: true });
  const page = doc.addPage([A4.width, A4.height]);
  doc.setTitle(sheet.title);
  let y = A4.height - MARGIN;
  const write = (p: PDFPage, line: ReceiptLine) => {
    y -= line.gapBefore ?? 0;
    for (const text of wrapText(line.text, font, line.size, A4.width - 2 * MARGIN - (line.indent ?? 0))) {
      const x = line.center ? (A4.width - font.widthOfTextAtSize(text, line.size)) / 2 : MARGIN + (line.indent ?? 0);
      p.drawText(text, { x, y, size: line.size, font });
      y -= line.size * 1.45;
    }
  };
  for (const line of sheet.lines) write(page, line);
  y -= 24;
  // Two signature blocks side by side: the citizen's on the left, the clerk's on the right.
  const column = (A4.width - 2 * MARGIN) / 2;
  const centred = (text: string, size: number, col: number, at: number) =>
    page.drawText(text, { x: MARGIN + col * column + (column - font.widthOfTextAtSize(text, size)) / 2, y: at, size, font });
  sheet.signatures.forEach(({ title, hint }, col) => {
    centred(title, 11, col, y);
    centred(hint, 10, col, y - 15);
    page.drawLine({
      start: { x: MARGIN + col * column + 20, y: y - 90 },
      end: { x: MARGIN + (col + 1) * column - 20, y: y - 90 },
      thickness: 0.5,
    });
  });
  return doc.save();
}

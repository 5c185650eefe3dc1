import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFPage } from 'pdf-lib';
import type { AgencyIdentity } from '../../shared/agency';
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
const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' });
export function vietnamTime(at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => VIETNAM_TIME.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('hour')} giờ ${part('minute')} ngày ${part('day')}/${part('month')}/${part('year')}`;
}

/** The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả) handed to the citizen, as a one-page PDF. */
export async function buildReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const paths = defaultRecordResourcePaths();
  const font = await doc.embedFont(await readResource(paths.stampFont), { subset: true });
  const page = doc.addPage([A4.width, A4.height]);
  const { dossier } = input;
  doc.setTitle(`Giấy tiếp nhận hồ sơ ${dossier.code}`);
  let y = A4.height - MARGIN;
  const write = (p: PDFPage, text: string, size: number, opts: { center?: boolean; indent?: number } = {}) => {
    for (const line of wrapText(text, font, size, A4.width - 2 * MARGIN - (opts.indent ?? 0))) {
      const x = opts.center ? (A4.width - font.widthOfTextAtSize(line, size)) / 2 : MARGIN + (opts.indent ?? 0);
      p.drawText(line, { x, y, size, font });
      y -= size * 1.45;
    }
  };
  if (input.agency.parent) write(page, input.agency.parent.toUpperCase(), 11, { center: true });
  write(page, input.agency.name.toUpperCase(), 11, { center: true });
  write(page, `Mã định danh: ${input.agency.code}`, 9, { center: true });
  write(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc', 11, { center: true });
  y -= 14;
  write(page, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 15, { center: true });
  write(page, `Mã hồ sơ: ${dossier.code}`, 12, { center: true });
  y -= 12;
  write(page, `Tiếp nhận hồ sơ của: ${dossier.applicantName ?? '—'}`, 12);
  write(page, `Số CCCD: ${dossier.applicantCccd ?? '—'}`, 12);
  if (dossier.applicantPhone) write(page, `Số điện thoại: ${dossier.applicantPhone}`, 12);
  if (dossier.applicantAddress) write(page, `Địa chỉ: ${dossier.applicantAddress}`, 12);
  write(page, `Thủ tục: ${dossier.procedureName ?? dossier.procedureCode ?? '—'}`, 12);
  y -= 6;
  write(page, 'Thành phần hồ sơ:', 12);
  input.components.forEach((c, i) => write(page, `${i + 1}. ${c.name} — ${c.received ? 'đã nhận' : 'chưa nộp'}`, 12, { indent: 16 }));
  y -= 6;
  write(page, `Ngày tiếp nhận: ${viDate(dossier.receivedDate)}`, 12);
  write(page, `Ngày hẹn trả kết quả: ${viDate(dossier.dueDate)}`, 12);
  y -= 10;
  if (input.agency.address) write(page, `Địa chỉ cơ quan: ${input.agency.address}`, 9);
  const place = [input.agency.desk, input.agency.workstationName].filter(Boolean).join(', ');
  write(page, `Lập lúc ${vietnamTime(input.issuedAt)}${place ? ` — ${place}` : ''}`, 11);
  y -= 24;
  // Two signature blocks side by side: the citizen's on the left, the clerk's on the right.
  const column = (A4.width - 2 * MARGIN) / 2;
  const centred = (text: string, size: number, col: number, at: number) =>
    page.drawText(text, { x: MARGIN + col * column + (column - font.widthOfTextAtSize(text, size)) / 2, y: at, size, font });
  [['NGƯỜI NỘP HỒ SƠ', 0] as const, ['NGƯỜI TIẾP NHẬN HỒ SƠ', 1] as const].forEach(([title, col]) => {
    centred(title, 11, col, y);
    centred('(Ký, ghi rõ họ tên)', 10, col, y - 15);
    page.drawLine({ start: { x: MARGIN + col * column + 20, y: y - 90 }, end: { x: MARGIN + (col + 1) * column - 20, y: y - 90 }, thickness: 0.5 });
  });
  return doc.save();
}

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
  y -= 18;
  if (input.agency.address) write(page, `Địa chỉ cơ quan: ${input.agency.address}`, 9);
  write(page, `In lúc ${input.issuedAt.toISOString()}${[input.agency.workstationName, input.agency.desk].some(Boolean) ? ` — ${[input.agency.desk, input.agency.workstationName].filter(Boolean).join(', ')}` : ''}`, 9);
  return doc.save();
}

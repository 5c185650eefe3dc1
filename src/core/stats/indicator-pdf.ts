import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { BreakdownRow, Dashboard } from '../../shared/indicators';
import { readResource } from '../record/record-resources';
import { backlogRows, indicatorRows, reportNotices, type ReportRow } from './report-rows';
import { wrapText } from '../record/wrap-text';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const vn = new Intl.NumberFormat('vi-VN');
const pct = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
const viDate = (iso: string) => iso.split('-').reverse().join('/');

/** Lays text out top to bottom, starting a new page when one is full. */
class PageWriter {
  private page: PDFPage;
  private y = A4.height - MARGIN;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
  }

  private room(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }

  text(text: string, size: number, opts: { bold?: boolean; indent?: number; grey?: boolean } = {}): void {
    const font = opts.bold ? this.bold : this.font;
    const width = A4.width - 2 * MARGIN - (opts.indent ?? 0);
    for (const line of wrapText(text, font, size, width)) {
      this.room(size * 1.4);
      this.page.drawText(line, {
        x: MARGIN + (opts.indent ?? 0),
        y: this.y - size,
        size,
        font,
        color: opts.grey ? rgb(0.35, 0.35, 0.35) : rgb(0, 0, 0),
      });
      this.y -= size * 1.4;
    }
  }

  /** One table row: cells at fixed x offsets, right-aligned when numeric. */
  row(cells: { text: string; x: number; width: number; right?: boolean }[], size: number, bold = false): void {
    const font = bold ? this.bold : this.font;
    this.room(size * 1.5);
    for (const c of cells) {
      let t = c.text;
      while (t.length > 1 && font.widthOfTextAtSize(t, size) > c.width) t = `${t.slice(0, -2)}…`;
      const w = font.widthOfTextAtSize(t, size);
      this.page.drawText(t, { x: MARGIN + c.x + (c.right ? c.width - w : 0), y: this.y - size, size, font });
    }
    this.y -= size * 1.5;
  }

  gap(h: number): void {
    this.y -= h;
  }
}

const figure = (v: number | null) => (v === null ? 'chưa có số liệu' : vn.format(v));

function figureRows(w: PageWriter, rows: ReportRow[]): void {
  let group = '';
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      w.gap(6);
      w.text(group, 12, { bold: true });
    }
    const share =
      r.rate === null ? (r.of === null ? '' : '—') : `${pct.format(r.rate)} (${vn.format(r.value ?? 0)}/${vn.format(r.of ?? 0)})`;
    w.row(
      [
        { text: r.label, x: 0, width: 280 },
        { text: figure(r.value), x: 290, width: 90, right: true },
        { text: share, x: 390, width: 110, right: true },
      ],
      10,
    );
    w.text(r.definition, 8, { indent: 12, grey: true });
  }
}

function breakdownTable(w: PageWriter, title: string, rows: BreakdownRow[]): void {
  w.gap(8);
  w.text(title, 12, { bold: true });
  const head = ['Tiếp nhận', 'Đầy đủ', 'Kết quả', 'Đúng hạn', 'Trễ hạn', 'Quá hạn'];
  const cols = (vals: string[], name: string) => [
    { text: name, x: 0, width: 190 },
    ...vals.map((text, i) => ({ text, x: 200 + i * 50, width: 46, right: true })),
  ];
  w.row(cols(head, ''), 8, true);
  if (rows.length === 0) w.text('Không có hồ sơ.', 9, { grey: true });
  for (const r of rows)
    w.row(
      cols(
        [r.received, r.fullyDigitized, r.resultsDigitized, r.onTime, r.late, r.openPastDue].map((n) => vn.format(n)),
        r.label ?? r.key ?? '(không rõ)',
      ),
      9,
    );
}

/** The printable progress report in Vietnamese: each figure beside its definition, the backlog, the breakdowns. */
export async function indicatorReportPdf(
  d: Dashboard,
  breakdowns: { title: string; rows: BreakdownRow[] }[],
  now: Date,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const require = createRequire(import.meta.url);
  const font = await doc.embedFont(await readResource(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), { subset: true });
  const bold = await doc.embedFont(await readResource(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')), { subset: true });
  doc.setTitle('Báo cáo tiến độ số hóa');
  doc.setLanguage('vi-VN');
  const w = new PageWriter(doc, font, bold);
  const f = d.indicators.filter;
  w.text('BÁO CÁO TIẾN ĐỘ SỐ HÓA HỒ SƠ', 16, { bold: true });
  w.text(`Khoảng thời gian tiếp nhận: ${f.from ? viDate(f.from) : 'từ đầu'} – ${f.to ? viDate(f.to) : 'nay'}`, 10);
  const filters = [
    f.procedureCode && `thủ tục ${f.procedureCode}`,
    f.field && `lĩnh vực ${f.field}`,
    f.workstationId && `máy trạm ${f.workstationId}`,
    f.clerk && `cán bộ ${f.clerk}`,
  ].filter(Boolean);
  if (filters.length) w.text(`Lọc theo: ${filters.join(', ')}`, 10);
  w.text(
    `Số liệu tính lại từ dữ liệu máy trạm lúc ${new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short' }).format(now)}.`,
    10,
  );
  for (const notice of reportNotices(d)) w.text(`• ${notice}`, 10);
  figureRows(w, [...indicatorRows(d.indicators), ...backlogRows(d.backlog)]);
  if (d.backlog.cells.length) {
    w.gap(8);
    w.text('Tồn đọng lưu trữ theo năm, lĩnh vực, hộp', 12, { bold: true });
    const cols = (vals: string[]) =>
      vals.map((text, i) => ({ text, x: [0, 40, 160, 230, 290, 350, 410][i]!, width: i < 3 ? [36, 116, 66][i]! : 56, right: i >= 3 }));
    w.row(cols(['Năm', 'Lĩnh vực', 'Hộp', 'Trong sổ', 'Đã quét', 'Số hóa', 'Đã ký']), 8, true);
    for (const c of d.backlog.cells)
      w.row(
        cols([
          c.year === null ? '—' : String(c.year),
          c.field ?? '—',
          c.box || '—',
          vn.format(c.registered),
          vn.format(c.captured),
          vn.format(c.digitized),
          vn.format(c.signed),
        ]),
        8,
      );
  }
  for (const b of breakdowns) breakdownTable(w, b.title, b.rows);
  return doc.save();
}

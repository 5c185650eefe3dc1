import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import type { BreakdownRow, Dashboard } from '../../shared/indicators';
import { neutraliseFormula } from '../export/spreadsheet-text';
import { backlogRows, indicatorRows, reportNotices } from './report-rows';

const header = (titles: string[]): Row => titles.map((value) => ({ value, fontWeight: 'bold' as const }));
/** Text cells can carry register text (a box, a field, a procedure's name): never written as something Excel would run. */
const cell = (v: number | string | null) => (v === null ? null : { value: typeof v === 'string' ? neutraliseFormula(v) : v });

/** The dashboard as a workbook: indicators with their definitions, the archive backlog, breakdowns. */
export async function indicatorWorkbook(d: Dashboard, breakdowns: { title: string; rows: BreakdownRow[] }[]): Promise<Buffer> {
  const f = d.indicators.filter;
  const summary: SheetData = [
    [{ value: 'BÁO CÁO TIẾN ĐỘ SỐ HÓA', fontWeight: 'bold' }],
    [{ value: `Khoảng thời gian: ${f.from ?? '…'} – ${f.to ?? '…'}; tính đến ngày ${d.indicators.today}` }],
    ...reportNotices(d).map((text): Row => [{ value: text }]),
    [],
    header(['Nhóm', 'Chỉ số', 'Số lượng', 'Trên tổng', 'Tỷ lệ', 'Định nghĩa']),
    ...[...indicatorRows(d.indicators), ...backlogRows(d.backlog)].map((row): Row => [
      { value: row.group },
      { value: row.label },
      cell(row.value),
      cell(row.of),
      row.rate === null ? null : { value: row.rate, format: '0.0%' },
      { value: row.definition },
    ]),
  ];
  const backlog: SheetData = [
    header(['Năm', 'Lĩnh vực', 'Hộp', 'Trong sổ', 'Số trang dự kiến', 'Đã quét', 'Đã số hóa', 'Đã duyệt', 'Đã ký', 'Số trang đã quét']),
    ...d.backlog.cells.map((c): Row => [
      cell(c.year),
      cell(c.field),
      cell(c.box),
      cell(c.registered),
      cell(c.expectedPages),
      cell(c.captured),
      cell(c.digitized),
      cell(c.approved),
      cell(c.signed),
      cell(c.pages),
    ]),
  ];
  const perDay: SheetData = [header(['Ngày', 'Số trang']), ...d.pagesPerDay.map((p): Row => [{ value: p.day }, { value: p.pages }])];
  const sheets = [
    { data: summary, sheet: 'Chỉ số', columns: [{ width: 14 }, { width: 34 }, { width: 10 }, { width: 10 }, { width: 8 }, { width: 80 }] },
    { data: backlog, sheet: 'Tồn đọng lưu trữ' },
    { data: perDay, sheet: 'Trang theo ngày' },
    ...breakdowns.map((b) => ({
      sheet: b.title,
      data: [
        header(['Mã', 'Tên', 'Tiếp nhận', 'Số hóa đầy đủ', 'Kết quả đã số hóa', 'Tái sử dụng', 'Đúng hạn', 'Trễ hạn', 'Quá hạn chưa xong']),
        ...b.rows.map((x): Row => [
          cell(x.key),
          cell(x.label),
          cell(x.received),
          cell(x.fullyDigitized),
          cell(x.resultsDigitized),
          cell(x.reused),
          cell(x.onTime),
          cell(x.late),
          cell(x.openPastDue),
        ]),
      ],
    })),
  ];
  return writeXlsxFile(sheets, { fontFamily: 'Arial' }).toBuffer();
}

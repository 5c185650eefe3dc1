import type { Backlog, Dashboard, Indicators, Rate } from '../../shared/indicators';

/** One line of the printed or spreadsheet report: a figure, what it is counted against, and its definition. */
export interface ReportRow {
  group: string;
  label: string;
  value: number | null;
  of: number | null;
  rate: number | null;
  definition: string;
}

const r = (group: string, label: string, x: Rate, definition: string): ReportRow => ({
  group,
  label,
  value: x.count,
  of: x.of,
  rate: x.rate,
  definition,
});
const n = (group: string, label: string, value: number | null, definition: string): ReportRow => ({
  group,
  label,
  value,
  of: null,
  rate: null,
  definition,
});

/** The report's figures in Vietnamese (the report is an official document; the app's own texts live in the renderer). */
export function indicatorRows(i: Indicators): ReportRow[] {
  const intake = 'Tiếp nhận';
  const quality = 'Chất lượng';
  const sync = 'Đồng bộ';
  return [
    n(intake, 'Hồ sơ đã tiếp nhận', i.intake.received, 'Số hồ sơ một cửa có ngày tiếp nhận trong khoảng đã chọn.'),
    r(
      intake,
      'Hồ sơ số hóa đầy đủ',
      i.intake.fullyDigitized,
      'Hồ sơ có ít nhất một thành phần và mọi thành phần đều đã có bản điện tử đã ký.',
    ),
    r(
      intake,
      'Kết quả đã số hóa',
      i.intake.resultsDigitized,
      'Hồ sơ có văn bản kết quả giải quyết đã có bản điện tử đã ký (văn bản đã ký ở nơi khác: khi đã được gắn dấu thời gian).',
    ),
    r(intake, 'Tái sử dụng dữ liệu số', i.intake.reused, 'Hồ sơ dùng lại ít nhất một văn bản đã số hóa trước đó.'),
    r(
      intake,
      'Hoàn thành đúng hạn',
      i.intake.onTime,
      'Trong các hồ sơ đã trả kết quả có ngày hẹn trả: trả vào hoặc trước ngày hẹn (ngày làm việc).',
    ),
    r(intake, 'Hoàn thành trễ hạn', i.intake.late, 'Trong các hồ sơ đã trả kết quả có ngày hẹn trả: trả sau ngày hẹn, có lý do.'),
    r(intake, 'Chưa hoàn thành, đã quá hạn', i.intake.openPastDue, 'Trong các hồ sơ có ngày hẹn trả: chưa trả kết quả và ngày hẹn đã qua.'),
    n(quality, 'Trang đã quét', i.quality.pages, 'Số trang của các hồ sơ trong khoảng đã chọn.'),
    r(quality, 'Trang bị gắn cờ', i.quality.flagged, 'Trang có ít nhất một cảnh báo chất lượng (độ phân giải thấp, mờ, trống…).'),
    r(quality, 'Trang lỗi xử lý', i.quality.failed, 'Trang không nhận dạng được chữ.'),
    n(
      quality,
      'Độ tin cậy OCR trung bình (%)',
      i.quality.meanConfidence === null ? null : Math.round(i.quality.meanConfidence * 10) / 10,
      'Trung bình độ tin cậy nhận dạng của các trang đã đọc, không tính trang trống.',
    ),
    n(quality, 'Trang quét lại', i.quality.rescans, 'Chưa được ghi nhận trên máy trạm này.'),
    n(
      quality,
      'Kiểm tra chất lượng: đã duyệt',
      i.quality.qcApproved,
      'Hồ sơ lưu trữ đã được duyệt ở trạm kiểm tra chất lượng và duyệt còn hiệu lực, trên toàn máy trạm (không theo khoảng ngày).',
    ),
    n(sync, 'Chờ gửi', i.sync.waiting, 'Bản điện tử đã ký đang chờ gửi lên máy chủ.'),
    n(sync, 'Đang gửi', i.sync.sending, 'Bản điện tử đang được gửi.'),
    n(sync, 'Đã được xác nhận', i.sync.acknowledged, 'Máy chủ đã kiểm tra và xác nhận đã nhận.'),
    n(sync, 'Bị từ chối', i.sync.rejected, 'Máy chủ từ chối (sai mã băm, chữ ký không hợp lệ…).'),
    n(
      sync,
      'Tuổi của bản chờ lâu nhất (giờ)',
      i.sync.oldestWaitingHours === null ? null : Math.round(i.sync.oldestWaitingHours * 10) / 10,
      'Số giờ kể từ khi bản chờ gửi lâu nhất được đưa vào hàng đợi.',
    ),
  ];
}

export function backlogRows(b: Backlog): ReportRow[] {
  const g = 'Tồn đọng lưu trữ';
  return [
    n(g, 'Hồ sơ trong sổ theo dõi', b.totals.registered, 'Số dòng của các sổ theo dõi đã nhập.'),
    n(g, 'Đã quét', b.totals.captured, 'Hồ sơ trong sổ đã có trang quét.'),
    n(g, 'Đã số hóa', b.totals.digitized, 'Hồ sơ trong sổ đã có bản PDF.'),
    n(g, 'Đã ký số', b.totals.signed, 'Hồ sơ trong sổ có bản PDF đã ký số.'),
    n(g, 'Số trang còn lại (theo sổ)', b.totals.pagesLeft, 'Tổng số trang dự kiến của các hồ sơ chưa số hóa.'),
    n(
      g,
      'Trang/ngày (nhịp hiện tại)',
      b.pace === null ? null : Math.round(b.pace),
      'Trung bình số trang lưu trữ quét mỗi ngày trong 10 ngày làm việc gần nhất.',
    ),
    n(g, 'Số ngày còn lại', b.daysLeft === null ? null : Math.ceil(b.daysLeft), 'Số trang còn lại chia cho nhịp hiện tại.'),
  ];
}

/** Plain statements that replace figures which would otherwise read as facts. */
export function reportNotices(d: Dashboard): string[] {
  const out: string[] = [];
  const notices = d.indicators.notices;
  if (notices.includes('empty-store')) out.push('Chưa có hồ sơ tiếp nhận nào trên máy trạm này.');
  if (notices.includes('empty-range')) out.push('Không có hồ sơ tiếp nhận nào trong khoảng thời gian đã chọn.');
  if (notices.includes('future-range')) out.push('Khoảng thời gian đã chọn nằm (một phần) trong tương lai.');
  if (notices.includes('no-due-dates')) out.push('Các hồ sơ chưa có ngày hẹn trả nên chưa tính được đúng hạn.');
  if (!d.backlog.registersImported) out.push('Chưa nhập sổ theo dõi lưu trữ nên chưa tính được tồn đọng.');
  if (!d.backlog.approvalTracked) out.push('Trạng thái phê duyệt kiểm tra chất lượng chưa được ghi nhận; cột "đã duyệt" chưa có số liệu.');
  return out;
}

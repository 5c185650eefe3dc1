import { codeArea } from './code-area';

// Results handed back to the citizen.

export const RESULT_CODES = codeArea({
  'result.already-returned': {
    exit: 'refused',
    vi: 'Hồ sơ đã trả kết quả nên không thay đổi được nữa.',
    en: 'The result of this dossier was handed back; it cannot change any more.',
  },
  'result.authorization-required': {
    exit: 'refused',
    vi: 'Người nhận thay cần có giấy ủy quyền: hãy ghi số hoặc nội dung giấy ủy quyền.',
    en: 'A person receiving on the applicant’s behalf needs an authorisation: give its number or description.',
  },
  'result.late-reason-required': {
    exit: 'refused',
    vi: 'Hồ sơ trả trễ hạn: hãy ghi lý do (phiếu xin lỗi và hẹn lại ngày trả kết quả).',
    en: 'The result is handed back late: give the reason (apology and new appointment slip).',
  },
  'result.not-a-result': {
    exit: 'input',
    vi: 'Văn bản này không phải là kết quả giải quyết của hồ sơ.',
    en: 'This document is not the dossier’s result.',
  },
  'result.not-intake': {
    exit: 'refused',
    vi: 'Chỉ trả kết quả cho hồ sơ tiếp nhận tại một cửa; hồ sơ lưu trữ đánh dấu kết quả trong lô số hóa.',
    en: 'Results are handed back for one-stop intake dossiers only; an archive dossier marks its result in its batch.',
  },
  'result.not-ready': {
    exit: 'refused',
    vi: 'Kết quả chưa sẵn sàng để ký: trang đang được xử lý hoặc chưa có trang nào.',
    en: 'The result is not ready to sign: its pages are still being processed, or it has none.',
  },
  'result.not-signed': {
    exit: 'refused',
    vi: 'Hồ sơ chưa có văn bản kết quả đã ký số. Hãy thêm và ký kết quả (văn bản đã ký ở nơi khác: gắn dấu thời gian) trước khi trả.',
    en: 'The dossier has no signed result document yet. Add and sign the result (one signed elsewhere: add a timestamp) before handing it back.',
  },
  'result.pdf-unreadable': { exit: 'input', vi: 'Không đọc được tệp PDF kết quả.', en: 'The result PDF file cannot be read.' },
  'result.timestamp-unsigned': {
    exit: 'refused',
    vi: 'Chỉ gắn dấu thời gian vào văn bản kết quả đã ký số.',
    en: 'A timestamp is added only to a result that is already signed.',
  },
  'result.tsa-not-configured': {
    exit: 'refused',
    vi: 'Chưa cấu hình máy chủ cấp dấu thời gian (TSA): quản trị viên nhập địa chỉ trong Cài đặt › Ký số.',
    en: 'No timestamp authority (TSA) is configured: an administrator sets its address in Settings › Signing.',
  },
  'result.time-invalid': {
    exit: 'input',
    vi: 'Thời điểm trả kết quả không hợp lệ (ở tương lai hoặc trước ngày tiếp nhận).',
    en: 'The hand-back time is not valid (in the future, or before the dossier was received).',
  },
});

import { codeArea } from './code-area';

// The engine itself, its contract, settings and shared inputs.

export const ENGINE_CODES = codeArea({
  'engine.disconnected': {
    exit: 'internal',
    vi: 'Mất kết nối với máy xử lý. Vui lòng tải lại trang.',
    en: 'The connection to the engine was lost. Please reload the page.',
  },
  'engine.internal': {
    exit: 'internal',
    vi: 'Máy xử lý gặp lỗi nội bộ. Thao tác chưa được thực hiện.',
    en: 'The engine hit an internal error. Nothing was done.',
  },
  'engine.native-module-mismatch': {
    exit: 'environment',
    vi: 'Một thành phần biên dịch sẵn (native) của máy xử lý còn thiếu hoặc được biên dịch cho môi trường chạy khác. Hãy chạy: npm run native:build -- --electron',
    en: 'A native module of the engine is missing or was built for another runtime. Run: npm run native:build -- --electron',
  },
  'engine.protocol': { exit: 'internal', vi: 'Máy xử lý trả lời không đúng định dạng.', en: 'The engine sent a malformed reply.' },
  'engine.start-failed': { exit: 'environment', vi: 'Máy xử lý không khởi động được.', en: 'The engine failed to start.' },
});

export const INPUT_CODES = codeArea({
  'input.invalid': { exit: 'input', vi: 'Dữ liệu nhập chưa hợp lệ.', en: 'Some of the input is not valid.' },
});

export const METHOD_CODES = codeArea({
  'method.unknown': { exit: 'internal', vi: 'Chức năng này chưa có trong máy xử lý.', en: 'The engine does not offer this function yet.' },
});

export const HUB_CODES = codeArea({
  'hub.internal': { exit: 'internal', vi: 'Máy chủ tập trung gặp lỗi nội bộ.', en: 'The hub had an internal error.' },
  'hub.audit-truncated': {
    exit: 'integrity',
    vi: 'Nhật ký của máy chủ tập trung đã bị xóa các sự kiện cuối: mốc neo ngoài cơ sở dữ liệu ghi một sự kiện sau sự kiện cuối còn lại.',
    en: "The hub's audit log lost its last events: the anchor outside the database names an event after the last one left.",
  },
  'hub.audit-rewritten': {
    exit: 'integrity',
    vi: 'Nhật ký của máy chủ tập trung đã bị viết lại: sự kiện mà mốc neo ngoài cơ sở dữ liệu ghi lại đã khác.',
    en: "The hub's audit log was rewritten: the event the anchor outside the database names is no longer the same.",
  },
  'hub.audit-anchor-missing': {
    exit: 'integrity',
    vi: 'Không có tệp mốc neo nhật ký của máy chủ tập trung ngoài cơ sở dữ liệu, nên không loại trừ được việc xóa các sự kiện cuối.',
    en: "The anchor file of the hub's audit log outside the database is missing, so events deleted from the end cannot be ruled out.",
  },
  'hub.audit-anchor-damaged': {
    exit: 'integrity',
    vi: 'Tệp mốc neo nhật ký của máy chủ tập trung bị hỏng (ghi dở hoặc không đọc được, không phải bị giả mạo); kiểm tra nhật ký rồi xóa tệp để máy chủ neo lại ở lần ghi sau.',
    en: "The anchor file of the hub's audit log is damaged (torn or unreadable, not forged); check the log, then remove the file so the hub anchors again at its next event.",
  },
});

export const CONFIG_CODES = codeArea({
  'config.agency-missing': {
    exit: 'environment',
    vi: 'Chưa nhập thông tin cơ quan. Quản trị viên cần nhập tên và mã định danh cơ quan trong Cài đặt trước khi tiếp nhận hồ sơ.',
    en: 'The agency is not set up. An administrator must enter its name and identifier code in Settings before dossiers are taken in.',
  },
});

export const SETTING_CODES = codeArea({
  'setting.forbidden': {
    exit: 'refused',
    vi: 'Vai trò của bạn không được thay đổi mục cài đặt này.',
    en: 'Your role may not change this setting.',
  },
  'setting.invalid': {
    exit: 'input',
    vi: 'Giá trị cài đặt không hợp lệ; chưa lưu gì.',
    en: 'A setting’s value is not valid; nothing was saved.',
  },
  'setting.unknown': { exit: 'input', vi: 'Không có mục cài đặt này.', en: 'There is no such setting.' },
});

export const STATS_CODES = codeArea({
  'stats.range-backwards': {
    exit: 'input',
    vi: 'Ngày kết thúc đứng trước ngày bắt đầu. Hãy chọn lại khoảng thời gian.',
    en: 'The end date comes before the start date. Choose the range again.',
  },
});

export const CALENDAR_CODES = codeArea({
  'calendar.holidays-invalid': {
    exit: 'input',
    vi: 'Cài đặt ngày nghỉ lễ (calendar.holidays) không đúng định dạng danh sách ngày YYYY-MM-DD.',
    en: 'The holidays setting (calendar.holidays) is not a list of YYYY-MM-DD dates.',
  },
});

export const CSV_CODES = codeArea({
  'csv.cell-too-large': { exit: 'input', vi: 'Tệp CSV có một ô dài quá mức cho phép.', en: 'The CSV file has a cell longer than allowed.' },
  'csv.syntax': {
    exit: 'input',
    vi: 'Tệp CSV bị lỗi định dạng (thiếu dấu ngoặc kép đóng?).',
    en: 'The CSV file is malformed (a quote left open?).',
  },
});

export const HOTFOLDER_CODES = codeArea({
  'hotfolder.consumer-failed': {
    exit: 'internal',
    vi: 'Không xử lý được tệp trong thư mục theo dõi.',
    en: 'A file in the hot folder could not be processed.',
  },
});

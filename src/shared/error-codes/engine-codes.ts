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

import { codeArea } from './code-area';

// Scanners and imported files.

export const SCANNER_CODES = codeArea({
  'scanner.busy': {
    exit: 'environment',
    vi: 'Máy quét đang bận. Chờ một lát rồi thử lại.',
    en: 'The scanner is busy. Wait a moment and try again.',
  },
  'scanner.cover-open': {
    exit: 'environment',
    vi: 'Nắp máy quét đang mở. Đóng nắp rồi quét lại.',
    en: 'The scanner cover is open. Close it and scan again.',
  },
  'scanner.driver-unavailable': {
    exit: 'environment',
    vi: 'Trình điều khiển máy quét không có trên máy này.',
    en: 'The scanner driver is not available on this machine.',
  },
  'scanner.paper-too-large': {
    exit: 'input',
    vi: 'Khổ giấy của cấu hình quét lớn hơn vùng quét của máy quét. Chọn khổ giấy nhỏ hơn.',
    en: 'The profile’s paper size is larger than the scanner’s scan area. Choose a smaller paper size.',
  },
  'scanner.failed': {
    exit: 'environment',
    vi: 'Máy quét báo lỗi. Kiểm tra máy quét rồi thử lại.',
    en: 'The scanner reported an error. Check it and try again.',
  },
  'scanner.feeder-empty': {
    exit: 'environment',
    vi: 'Khay nạp giấy trống. Đặt giấy vào khay rồi quét lại.',
    en: 'The document feeder is empty. Load paper and scan again.',
  },
  'scanner.gone': {
    exit: 'environment',
    vi: 'Mất kết nối với máy quét. Kiểm tra cáp và nguồn rồi quét tiếp.',
    en: 'The scanner is not available. Check its cable and power, then scan again.',
  },
  'scanner.image-corrupt': {
    exit: 'environment',
    vi: 'Máy quét trả về ảnh hỏng. Quét lại trang.',
    en: 'The scanner returned a damaged image. Scan the page again.',
  },
  'scanner.in-progress': {
    exit: 'environment',
    vi: 'Đang quét vào văn bản này; chờ xong hoặc dừng quét.',
    en: 'A scan into this document is already running; wait or stop it.',
  },
  'scanner.jammed': {
    exit: 'environment',
    vi: 'Kẹt giấy trong máy quét. Gỡ giấy kẹt rồi quét tiếp.',
    en: 'Paper jam. Clear it and scan again.',
  },
  'scanner.job-lost': {
    exit: 'environment',
    vi: 'Máy quét bỏ dở lệnh quét. Hãy quét lại các trang còn thiếu.',
    en: 'The scanner dropped the job. Scan the missing pages again.',
  },
  'scanner.option-unsupported': {
    exit: 'environment',
    vi: 'Máy quét không hỗ trợ tùy chọn này. Chọn độ phân giải hoặc khay khác.',
    en: 'The scanner does not support this option. Choose another resolution or source.',
  },
});

export const IMPORT_CODES = codeArea({
  'import.corrupt-image': { exit: 'input', vi: 'ảnh trong tệp bị hỏng', en: 'the image in the file is damaged' },
  'import.corrupt-pdf': { exit: 'input', vi: 'tệp PDF bị hỏng', en: 'the PDF file is damaged' },
  'import.pdf-repaired': {
    exit: 'input',
    vi: 'tệp PDF có đối tượng hỏng đã được bỏ qua để đọc; các trang vẫn được nhập, hãy xem lại',
    en: 'damaged objects in the PDF were skipped to read it; its pages were imported, check them',
  },
  'import.empty-file': { exit: 'input', vi: 'tệp rỗng', en: 'the file is empty' },
  'import.encrypted-pdf': {
    exit: 'input',
    vi: 'tệp PDF có mật khẩu; hãy bỏ mật khẩu rồi nhập lại',
    en: 'the PDF is password-protected; remove the password and import again',
  },
  'import.failed': { exit: 'internal', vi: 'lỗi không mong muốn khi nhập tệp này', en: 'an unexpected error while importing this file' },
  'import.image-too-large': {
    exit: 'input',
    vi: 'ảnh quá lớn (quá 100 triệu điểm ảnh)',
    en: 'the image is too large (over 100 megapixels)',
  },
  'import.pdf-page-without-image': { exit: 'input', vi: 'trang PDF không chứa ảnh quét', en: 'the PDF page holds no scanned image' },
  'import.too-many-pages': {
    exit: 'input',
    vi: 'tệp có nhiều trang hơn mức tối đa mỗi tệp nhập (cài đặt “Số trang tối đa mỗi tệp nhập”)',
    en: 'the file has more pages than allowed per imported file (setting “Most pages per imported file”)',
  },
  'import.unreadable': {
    exit: 'input',
    vi: 'không tìm thấy hoặc không đọc được tệp; kiểm tra lại đường dẫn',
    en: 'the file cannot be found or read; check the path',
  },
  'import.unsupported-format': { exit: 'input', vi: 'định dạng tệp không được hỗ trợ', en: 'the file format is not supported' },
  'import.unsupported-pdf-image': {
    exit: 'input',
    vi: 'ảnh trong PDF dùng kiểu nén không hỗ trợ',
    en: 'the PDF page image uses a compression that is not supported',
  },
  'import.upload-too-large': {
    exit: 'input',
    vi: 'tệp lớn hơn 11 MB; hãy nhập bằng đường dẫn',
    en: 'the file is larger than 11 MB; import it by its path',
  },
});

export const IMAGE_CODES = codeArea({
  'image.corrupt': { exit: 'input', vi: 'ảnh bị hỏng hoặc không phải tệp ảnh', en: 'the image is damaged or not an image file' },
  'image.empty': { exit: 'input', vi: 'ảnh trống, không có dữ liệu', en: 'the image is empty' },
  'image.too-large': { exit: 'input', vi: 'ảnh quá lớn', en: 'the image is too large' },
});

export const FILE_CODES = codeArea({
  'file.not-found': { exit: 'input', vi: 'Không tìm thấy tệp.', en: 'The file was not found.' },
});

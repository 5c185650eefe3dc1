import { codeArea } from './code-area';

// The electronic record: building, signing and checking the PDF.

export const RECORD_CODES = codeArea({
  'record.compression-unknown': {
    exit: 'input',
    vi: 'Không có cách nén ảnh "{given}": chỉ dùng được mrc hoặc jpeg.',
    en: 'There is no image compression "{given}": use mrc or jpeg.',
  },
  'record.damaged': { exit: 'input', vi: 'Tệp PDF bị hỏng, không đọc được.', en: 'The PDF file is damaged and cannot be read.' },
  'record.pdf-repaired': {
    exit: 'input',
    vi: 'Tệp PDF có đối tượng hỏng đã được bỏ qua để đọc được; hãy xem lại các trang.',
    en: 'Damaged objects in the PDF were skipped to read it; check its pages.',
  },
  'record.encrypted': { exit: 'input', vi: 'Tệp PDF có mật khẩu; không kiểm tra được.', en: 'The PDF is encrypted and cannot be checked.' },
  'record.image-unreadable': { exit: 'input', vi: 'Không đọc được ảnh của trang.', en: 'The page image cannot be read.' },
  'record.modified-after-signing': {
    exit: 'integrity',
    vi: 'Hồ sơ đã bị sửa sau khi ký: nội dung trang, tài nguyên, chú thích hoặc cây trang đã thay đổi.',
    en: 'The record was changed after it was signed: page content, resources, annotations or the page tree differ.',
  },
  'record.not-found': { exit: 'input', vi: 'Không tìm thấy bản ghi điện tử.', en: 'The electronic record was not found.' },
  'record.not-pdf': { exit: 'input', vi: 'Tệp này không phải PDF.', en: 'This file is not a PDF.' },
  'record.page-tree-cyclic': {
    exit: 'input',
    vi: 'Tệp PDF hỏng: cây trang tự lặp lại.',
    en: 'The PDF is damaged: its page tree loops back on itself.',
  },
  'record.signature-invalid': { exit: 'integrity', vi: 'Chữ ký số không hợp lệ.', en: 'The signature is not valid.' },
  'record.signer-untrusted': {
    exit: 'integrity',
    vi: 'Chứng thư của người ký không xuất phát từ chứng thư gốc tin cậy đã cấu hình.',
    en: "The signer's certificate does not chain to a configured trusted root.",
  },
  'record.timestamp-add-failed': {
    exit: 'internal',
    vi: 'Không gắn được dấu thời gian bổ sung cho hồ sơ điện tử do lỗi của phần mềm; sẽ thử lại ở lần đồng bộ sau.',
    en: 'The later timestamp could not be added to the record because of a fault in the software; it is tried again at the next sync.',
  },
  'record.timestamp-unverified': {
    exit: 'integrity',
    vi: 'Dấu thời gian do máy chủ dấu thời gian trả về không kiểm tra được là hợp lệ nên không được gắn vào hồ sơ điện tử; sẽ thử lại ở lần đồng bộ sau.',
    en: 'The timestamp the timestamp server returned does not verify, so it was not added to the record; it is tried again at the next sync.',
  },
  'record.too-many-pages': {
    exit: 'input',
    vi: 'Tệp PDF có quá nhiều trang (tối đa 5.000 trang mỗi tệp).',
    en: 'The PDF has too many pages (at most 5,000 per file).',
  },
  'record.truncated': { exit: 'input', vi: 'Tệp PDF bị cắt cụt (thiếu phần cuối).', en: 'The PDF file is truncated.' },
  'record.unsigned': { exit: 'integrity', vi: 'Bản ghi chưa được ký số.', en: 'The record is not signed.' },
});

export const SIGNER_CODES = codeArea({
  'signer.bad-password': {
    exit: 'refused',
    vi: 'Mật khẩu chứng thư số không đúng. Hãy nhập lại.',
    en: 'Wrong certificate password. Type it again.',
  },
  'signer.bad-pin': {
    exit: 'refused',
    vi: 'Mã PIN của token không đúng. Token sẽ bị khóa nếu nhập sai nhiều lần.',
    en: 'Wrong token PIN. The token locks after several wrong PINs.',
  },
  'signer.cert-expired': {
    exit: 'input',
    vi: 'Chứng thư số đã hết hạn. Hãy dùng chứng thư còn hiệu lực.',
    en: 'The certificate has expired. Use a valid one.',
  },
  'signer.cert-not-yet-valid': { exit: 'input', vi: 'Chứng thư số chưa đến ngày có hiệu lực.', en: 'The certificate is not valid yet.' },
  'signer.cert-usage': { exit: 'input', vi: 'Chứng thư số này không dùng để ký được.', en: 'This certificate cannot be used for signing.' },
  'signer.configured-file-unreadable': {
    exit: 'environment',
    vi: 'Không đọc được tệp chứng thư số đã cấu hình (tệp không có hoặc không có quyền đọc). Báo quản trị viên kiểm tra Cài đặt › Ký số.',
    en: 'The configured certificate file is missing or cannot be read. Ask an administrator to check Settings › Signing.',
  },
  'signer.not-configured': {
    exit: 'input',
    vi: 'Chưa cấu hình tệp chứng thư hoặc thiết bị ký số (Cài đặt › Ký số).',
    en: 'No certificate file or signing token is configured (Settings › Signing).',
  },
  'signer.other-file-refused': {
    exit: 'refused',
    vi: 'Máy trạm này chỉ cho phép dùng tệp chứng thư đã cấu hình.',
    en: 'This workstation allows only the configured certificate file.',
  },
  'signer.module-refused': {
    exit: 'refused',
    vi: 'Chỉ được dùng thư viện PKCS#11 (token) đã cấu hình trong Cài đặt › Ký số.',
    en: 'Only the PKCS#11 module (token library) configured in Settings › Signing may be used.',
  },
  'signer.file-unreadable': {
    exit: 'environment',
    vi: 'Không đọc được tệp chứng thư số. Kiểm tra lại đường dẫn.',
    en: 'Cannot read the certificate file. Check the path.',
  },
  'signer.key-missing': {
    exit: 'input',
    vi: 'Thiết bị ký hoặc tệp không có khóa riêng khớp với chứng thư số.',
    en: 'The token or file holds no private key matching the certificate.',
  },
  'signer.locked': {
    exit: 'refused',
    vi: 'Chưa mở khóa chứng thư số. Nhập mật khẩu chứng thư rồi thử lại.',
    en: 'The certificate is not unlocked. Enter its password and try again.',
  },
  'signer.pin-locked': {
    exit: 'refused',
    vi: 'Token đã bị khóa do nhập sai PIN nhiều lần. Liên hệ nhà cung cấp chứng thư số để mở khóa.',
    en: 'The token is locked after too many wrong PINs. Ask the certificate provider to unlock it.',
  },
  'signer.signature-too-large': {
    exit: 'input',
    vi: 'Chữ ký số lớn hơn chỗ dành cho nó trong tệp.',
    en: 'The signature is larger than the space reserved for it.',
  },
  'signer.timestamp-failed': {
    exit: 'environment',
    vi: 'Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian.',
    en: 'No timestamp could be obtained from the timestamp server.',
  },
  'signer.timestamp-invalid': {
    exit: 'integrity',
    vi: 'Dấu thời gian máy chủ trả về không xác thực được (chữ ký của máy chủ sai); không dùng dấu thời gian này.',
    en: "The timestamp the server returned does not verify (the server's signature is wrong); it is not used.",
  },
  'signer.token-absent': {
    exit: 'environment',
    vi: 'Không thấy token. Cắm token USB vào máy rồi thử lại.',
    en: 'No token found. Plug the USB token in and try again.',
  },
  'signer.token-error': { exit: 'environment', vi: 'Thiết bị ký số (token) gặp lỗi.', en: 'The signing token failed.' },
});

import { codeArea } from './code-area';

// Sending records to the hub, and BagIt bags.

export const SYNC_CODES = codeArea({
  'audit.rewritten-since-sync': {
    exit: 'integrity',
    vi: 'nhật ký hoạt động không còn chứa sự kiện máy chủ đã thấy ở lần đồng bộ trước: nhật ký đã bị cắt bớt hoặc viết lại',
    en: 'the audit log no longer holds the event the hub saw at the last sync: it was cut or rewritten since',
  },
  'sync.audit-log-rewritten': {
    exit: 'integrity',
    vi: 'nhật ký hoạt động của máy trạm đã bị cắt bớt hoặc viết lại so với lần đồng bộ trước',
    en: "the workstation's audit log was cut or rewritten since its last sync",
  },
  'sync.metadata-mismatch': {
    exit: 'integrity',
    vi: 'thông tin khai báo (mã hồ sơ, thủ tục, cơ quan, loại văn bản, số trang) khác với tệp PDF đã ký',
    en: 'the declared details (dossier code, procedure, agency, kind of document, page count) differ from the signed PDF',
  },
  'sync.record-xmp-missing': {
    exit: 'integrity',
    vi: 'tệp PDF đã ký không có siêu dữ liệu XMP của SoHoa (mã hồ sơ), nên không đối chiếu được thông tin khai báo',
    en: 'the signed PDF carries no SoHoa XMP metadata (dossier code), so the declared details cannot be checked',
  },
  'sync.timestamps-failed': {
    exit: 'internal',
    vi: 'Không thực hiện được việc gắn các dấu thời gian đang chờ trước khi đồng bộ; hồ sơ vẫn được gửi và việc gắn sẽ thử lại ở lần sau.',
    en: 'Adding the waiting timestamps before the sync failed; records were still sent and it is tried again next time.',
  },
  'sync.bad-request': { exit: 'input', vi: 'yêu cầu gửi lên không đúng định dạng', en: 'the request was malformed' },
  'sync.enrollment-invalid': {
    exit: 'refused',
    vi: 'Mã đăng ký máy trạm không đúng, đã dùng hoặc đã hết hạn.',
    en: 'The enrollment code is unknown, used or expired.',
  },
  'sync.failed': { exit: 'internal', vi: 'Đồng bộ thất bại.', en: 'Synchronization failed.' },
  'sync.forbidden': {
    exit: 'refused',
    vi: 'Máy trạm không có quyền gửi hồ sơ lên trung tâm.',
    en: 'This workstation may not send records to the hub.',
  },
  'sync.hash-mismatch': {
    exit: 'integrity',
    vi: 'mã băm không khớp (tệp hỏng khi truyền)',
    en: 'the hash does not match (damaged on the way)',
  },
  'sync.hub-error': { exit: 'internal', vi: 'Máy chủ tập trung trả lời không đúng.', en: 'The hub gave an unexpected answer.' },
  'sync.hub-unreachable': {
    exit: 'environment',
    vi: 'Không kết nối được trung tâm lưu trữ; sẽ tự gửi lại khi có mạng.',
    en: 'The records hub cannot be reached; sending resumes when the network is back.',
  },
  'sync.local-corrupt': { exit: 'integrity', vi: 'tệp PDF trên máy trạm đã bị thay đổi', en: 'the PDF on this workstation was altered' },
  'sync.local-missing': { exit: 'integrity', vi: 'không còn tệp PDF trên máy trạm', en: 'the PDF is no longer on this workstation' },
  'sync.hub-refused': {
    exit: 'refused',
    vi: 'Chỉ được dùng địa chỉ trung tâm mà máy trạm đã đăng ký (Cài đặt › Đồng bộ).',
    en: 'Only the hub this workstation is enrolled with may be used (Settings › Sync).',
  },
  'sync.not-enrolled': {
    exit: 'environment',
    vi: 'Máy trạm chưa đăng ký với trung tâm lưu trữ.',
    en: 'This workstation is not enrolled with a records hub.',
  },
  'sync.not-pdf': { exit: 'input', vi: 'tệp không phải PDF', en: 'the file is not a PDF' },
  'sync.signature-invalid': {
    exit: 'integrity',
    vi: 'chữ ký số của bản điện tử không hợp lệ',
    en: 'the record’s digital signature is not valid',
  },
  'sync.size-mismatch': { exit: 'integrity', vi: 'kích thước tệp không khớp', en: 'the file size does not match' },
  'sync.storage-unavailable': {
    exit: 'environment',
    vi: 'Kho lưu trữ tệp của trung tâm tạm thời không dùng được; sẽ tự gửi lại sau.',
    en: 'The hub’s file storage is unavailable for now; sending resumes later.',
  },
  'sync.too-large': { exit: 'input', vi: 'tệp vượt giới hạn dung lượng của trung tâm', en: 'the file exceeds the hub’s size limit' },
  'sync.unauthorized': {
    exit: 'refused',
    vi: 'Trung tâm không chấp nhận khóa của máy trạm này (đã thu hồi hoặc sai). Liên hệ quản trị.',
    en: 'The hub does not accept this workstation’s credential (revoked or wrong). Contact the administrator.',
  },
  'sync.unknown-workstation': {
    exit: 'refused',
    vi: 'Máy trạm gửi gói chưa đăng ký hoặc đã bị thu hồi.',
    en: 'The sending workstation is not enrolled or was revoked.',
  },
  'sync.upload-failed': { exit: 'environment', vi: 'Tải bản ghi lên máy chủ tập trung thất bại.', en: 'The upload to the hub failed.' },
  'sync.upload-incomplete': {
    exit: 'refused',
    vi: 'Bản tải lên chưa đầy đủ; sẽ tải tiếp.',
    en: 'The upload is incomplete; it will be resumed.',
  },
  'sync.upload-not-found': {
    exit: 'input',
    vi: 'Máy chủ tập trung không còn bản tải lên này; sẽ tải lại.',
    en: 'The hub no longer has this upload; it will be sent again.',
  },
  'sync.upload-required': {
    exit: 'refused',
    vi: 'Máy chủ tập trung chưa nhận được tệp; cần tải lên trước.',
    en: 'The hub has not received the file; upload it first.',
  },
  'sync.version-conflict': {
    exit: 'refused',
    vi: 'phiên bản này đã có trên trung tâm với nội dung khác',
    en: 'this version is already on the hub with other content',
  },
});

export const BAG_CODES = codeArea({
  'bag.bad-manifest-line': {
    exit: 'input',
    vi: 'Gói BagIt có dòng danh mục không đúng định dạng.',
    en: 'The BagIt bag has a malformed manifest line.',
  },
  'bag.extra-file': {
    exit: 'integrity',
    vi: 'Gói BagIt có tệp không được liệt kê trong danh mục.',
    en: 'The BagIt bag holds a file its manifest does not list.',
  },
  'bag.hash-mismatch': {
    exit: 'integrity',
    vi: 'Một tệp trong gói BagIt không khớp mã băm của danh mục: tệp đã bị thay đổi hoặc hỏng.',
    en: 'A file in the BagIt bag does not match its manifest hash: it was changed or damaged.',
  },
  'bag.invalid': { exit: 'input', vi: 'Gói BagIt không hợp lệ.', en: 'The BagIt bag is not valid.' },
  'bag.missing-file': {
    exit: 'integrity',
    vi: 'Gói BagIt thiếu tệp mà danh mục liệt kê.',
    en: 'The BagIt bag is missing a file its manifest lists.',
  },
  'bag.no-declaration': { exit: 'input', vi: 'Gói BagIt thiếu tệp bagit.txt.', en: 'The BagIt bag has no bagit.txt.' },
  'bag.no-manifest': { exit: 'input', vi: 'Gói BagIt thiếu danh mục SHA-256.', en: 'The BagIt bag has no SHA-256 manifest.' },
  'bag.nothing-to-export': { exit: 'refused', vi: 'Không có bản ghi đã ký nào để xuất.', en: 'There is no signed record to export.' },
  'bag.oxum-mismatch': {
    exit: 'integrity',
    vi: 'Dung lượng hoặc số tệp của gói BagIt không khớp với Payload-Oxum.',
    en: 'The BagIt bag’s size or file count does not match its Payload-Oxum.',
  },
  'bag.target-exists': {
    exit: 'refused',
    vi: 'Nơi xuất gói BagIt đã có tệp. Chọn nơi khác.',
    en: 'The bag’s target already exists. Choose another place.',
  },
  'bag.unsafe-path': {
    exit: 'input',
    vi: 'Gói BagIt có đường dẫn ra ngoài thư mục của gói.',
    en: 'The BagIt bag names a path outside the bag.',
  },
  'bag.zip-bomb': {
    exit: 'input',
    vi: 'Tệp ZIP giải nén ra quá lớn so với kích thước của nó; đã từ chối.',
    en: 'The ZIP expands far beyond its size; refused.',
  },
  'bag.zip-corrupt': { exit: 'input', vi: 'Tệp ZIP bị hỏng, không đọc được.', en: 'The ZIP file is damaged and cannot be read.' },
  'bag.zip-too-large': { exit: 'input', vi: 'Tệp ZIP quá lớn.', en: 'The ZIP file is too large.' },
  'bag.zip-too-many-entries': { exit: 'input', vi: 'Tệp ZIP có quá nhiều mục.', en: 'The ZIP file has too many entries.' },
  'bag.zip-unsafe-entry': {
    exit: 'input',
    vi: 'Tệp ZIP có mục với đường dẫn không an toàn.',
    en: 'The ZIP file has an entry with an unsafe path.',
  },
});

import { codeArea } from './code-area';

// The store on disk, its keys and backups.

export const STORE_CODES = codeArea({
  'store.schema-newer': {
    exit: 'environment',
    vi: 'Dữ liệu này do một phiên bản SoHoa mới hơn tạo ra. Hãy cập nhật SoHoa; dữ liệu được giữ nguyên.',
    en: 'This data was made by a newer SoHoa. Update SoHoa; the data was left as it is.',
  },
  'store.blob-missing': {
    exit: 'integrity',
    vi: 'Thiếu tệp lưu trữ trong thư mục dữ liệu. Hãy khôi phục từ bản sao lưu.',
    en: 'A stored file is missing from the data folder. Restore it from a backup.',
  },
  'store.blob-tampered': {
    exit: 'integrity',
    vi: 'Tệp lưu trữ đã bị thay đổi hoặc hỏng trên đĩa nên không dùng được. Hãy khôi phục từ bản sao lưu.',
    en: 'A stored file was altered or damaged on disk and cannot be used. Restore it from a backup.',
  },
  'store.nothing-to-encrypt': {
    exit: 'refused',
    vi: 'Không có cơ sở dữ liệu chưa mã hóa nào để mã hóa.',
    en: 'There is no unencrypted database to encrypt.',
  },
  'store.plain-database': {
    exit: 'refused',
    vi: 'Cơ sở dữ liệu chưa được mã hóa (từ phiên bản cũ). Hãy mã hóa bằng lệnh sohoa store encrypt trước khi mở.',
    en: 'The database is not encrypted (from an earlier version). Encrypt it with sohoa store encrypt before opening it.',
  },
  'store.plain-database-refused': {
    exit: 'refused',
    vi: 'Thư mục dữ liệu đã được mã hóa nhưng cơ sở dữ liệu lại không mã hóa: có thể đã bị thay thế. Không mở; hãy khôi phục sohoa.db từ bản sao lưu.',
    en: 'The data folder was encrypted but its database is not: it may have been replaced. It is not opened; restore sohoa.db from a backup.',
  },
});

export const SECURITY_CODES = codeArea({
  'security.key-file-exposed': {
    exit: 'environment',
    vi: 'Tệp khóa để người dùng khác đọc được. Chỉ để chủ sở hữu đọc (chmod 600) rồi thử lại.',
    en: 'Other users can read the key file. Make it owner-only (chmod 600) and try again.',
  },
  'security.key-file-inside-data': {
    exit: 'environment',
    vi: 'Tệp khóa nằm trong thư mục dữ liệu. Để khóa ở nơi khác.',
    en: 'The key file is inside the data folder. Keep the key elsewhere.',
  },
  'security.key-invalid': {
    exit: 'integrity',
    vi: 'Tệp hoặc mục này không chứa khóa dữ liệu hợp lệ.',
    en: 'This file or entry does not hold a valid data key.',
  },
  'security.key-missing': {
    exit: 'environment',
    vi: 'Không tìm thấy khóa giải mã dữ liệu của máy trạm. Hãy khôi phục tệp khóa hoặc khóa trong kho khóa của hệ điều hành.',
    en: 'The workstation’s data key was not found. Restore the key file or the OS keychain entry.',
  },
  'security.key-wrong': {
    exit: 'integrity',
    vi: 'Khóa này không mở được dữ liệu (dữ liệu được mã hóa bằng khóa khác, hoặc tệp dữ liệu bị hỏng).',
    en: 'This key does not open the data (it was encrypted with another key, or the data file is damaged).',
  },
});

export const BACKUP_CODES = codeArea({
  'backup.destination-refused': {
    exit: 'refused',
    vi: 'Bản sao lưu chỉ được ghi vào thư mục sao lưu đã đặt trong Cài đặt › Lưu trữ.',
    en: 'A backup may be written only into the backup folder set in Settings › Storage.',
  },
  'backup.destination-missing': {
    exit: 'input',
    vi: 'Chưa đặt thư mục sao lưu: nhập thư mục và lưu trước.',
    en: 'No backup folder is set: enter one and save first.',
  },
  'backup.failed': {
    exit: 'environment',
    vi: 'Không sao lưu được (thư mục sao lưu không ghi được hoặc đã đầy). Kiểm tra ổ đĩa sao lưu.',
    en: 'The backup could not be made (the backup folder cannot be written or is full). Check the backup disk.',
  },
  'backup.invalid': { exit: 'input', vi: 'Tệp này không phải bản sao lưu dùng được.', en: 'This is not a usable backup.' },
  'backup.target-exists': {
    exit: 'refused',
    vi: 'Nơi lưu bản sao lưu đã có tệp. Chọn tên khác.',
    en: 'The backup target already exists. Choose another name.',
  },
});

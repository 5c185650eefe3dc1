import { codeArea } from './code-area';

// Archive batches and their registers.

export const ARCHIVE_CODES = codeArea({
  'archive.not-in-batch': {
    exit: 'refused',
    vi: 'Văn bản này không thuộc hồ sơ lưu trữ của lô số hóa đang xem.',
    en: 'This document is not in an archive dossier of the batch shown.',
  },
  'archive.split-pages': {
    exit: 'input',
    vi: 'Chọn một số trang (không phải tất cả) của tài liệu để tách thành tài liệu kết quả.',
    en: 'Choose some pages (not all) of the document to split off as the result document.',
  },
  'archive.split-signed': {
    exit: 'refused',
    vi: 'Tài liệu đã ký số: không tách trang được. Chỉ tách kết quả trước khi ký lô.',
    en: 'The document is already signed: its pages cannot be split off. Split the result before the batch is signed.',
  },
});

export const BATCH_CODES = codeArea({
  'batch.bad-separation': {
    exit: 'input',
    vi: 'Cách tách hồ sơ không hợp lệ: chọn thư mục, QR, patch-T, trang trắng hoặc số trang mỗi hồ sơ (số nguyên từ 1).',
    en: 'Not a valid way to separate dossiers: choose folders, QR, patch-T, blank page or a page count per dossier (a whole number from 1).',
  },
  'batch.cancelled': {
    exit: 'refused',
    vi: 'Lô đã bị hủy; bấm Tiếp tục để làm tiếp.',
    en: 'The batch was cancelled; press Resume to go on.',
  },
  'batch.disk-full': {
    exit: 'environment',
    vi: 'Ổ đĩa đã đầy. Lô đã tạm dừng; giải phóng dung lượng rồi tiếp tục.',
    en: 'The disk is full. The batch is paused; free some space and resume.',
  },
  'batch.folder-not-found': {
    exit: 'input',
    vi: 'Không tìm thấy thư mục của lô (hoặc đó không phải thư mục).',
    en: 'The batch folder was not found (or it is not a folder).',
  },
  'batch.intake-running': {
    exit: 'refused',
    vi: 'Lô này đang được nhận trang; chờ nhận xong rồi thử lại.',
    en: 'This batch is still being taken in; wait until its pages have arrived, then try again.',
  },
  'batch.not-found': { exit: 'input', vi: 'Không tìm thấy lô số hóa.', en: 'The archive batch was not found.' },
});

export const REGISTER_CODES = codeArea({
  'register.bad-map': { exit: 'input', vi: 'Cột được chọn không có trong sổ theo dõi.', en: 'A chosen column is not in the register.' },
  'register.empty': { exit: 'input', vi: 'Sổ theo dõi không có dòng tiêu đề cột.', en: 'The register has no header row.' },
  'register.missing-column': {
    exit: 'input',
    vi: 'Sổ theo dõi không có cột số hồ sơ. Hãy đặt tên cột là "Hồ sơ số" (hoặc chọn cột bằng tay); nếu các cột bị dính liền hay chữ bị lỗi phông, hãy lưu lại sổ dưới dạng CSV UTF-8 hoặc XLSX.',
    en: 'The register has no dossier-number column. Name it "Hồ sơ số" (or choose the column by hand); if the columns run together or the letters are garbled, save the register again as CSV UTF-8 or XLSX.',
  },
  'register.sheet-not-found': {
    exit: 'input',
    vi: 'Không có trang tính này trong tệp sổ theo dõi.',
    en: 'The register file has no such sheet.',
  },
  'register.sheet-skipped': {
    exit: 'input',
    vi: 'Một trang tính không có bảng sổ theo dõi (không có cột số hồ sơ) nên đã bỏ qua.',
    en: 'A sheet has no register table (no dossier-number column) and was left out.',
  },
  'register.too-large': {
    exit: 'input',
    vi: 'Tệp sổ theo dõi quá lớn để đọc an toàn. Hãy tách sổ hoặc bỏ phần không phải sổ.',
    en: 'The register file is too large to read safely. Split it, or remove what is not the register.',
  },
  'register.unreadable': { exit: 'input', vi: 'Không đọc được tệp sổ theo dõi.', en: 'The register file cannot be read.' },
  'register.xls-unsupported': {
    exit: 'input',
    vi: 'Không đọc tệp Excel cũ (.xls). Hãy lưu sổ thành .xlsx hoặc CSV UTF-8.',
    en: 'Old Excel files (.xls) are not read. Save the register as .xlsx or CSV UTF-8.',
  },
});

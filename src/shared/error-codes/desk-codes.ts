import { codeArea } from './code-area';

// The intake desk: dossiers, documents and pages.

export const DESK_CODES = codeArea({
  'desk.components-missing': {
    exit: 'refused',
    vi: 'Hồ sơ còn thiếu thành phần theo thủ tục; cần xác nhận để ký khi thiếu.',
    en: 'Components the procedure asks for are missing; confirm to sign without them.',
  },
  'desk.document-empty': {
    exit: 'refused',
    vi: 'Có văn bản chưa có trang nào: thêm trang cho văn bản đó hoặc xóa nó trước khi ký.',
    en: 'A document has no pages: add its pages or remove it before signing.',
  },
});

export const DOSSIER_CODES = codeArea({
  'dossier.empty': {
    exit: 'refused',
    vi: 'Hồ sơ chưa có văn bản nào để ký. Hãy quét hoặc nhập văn bản trước.',
    en: 'The dossier has no document to sign yet. Scan or import one first.',
  },
  'dossier.finalized': {
    exit: 'refused',
    vi: 'Hồ sơ đã hoàn tất nên không sửa được. Mở lại hồ sơ nếu cần sửa.',
    en: 'This dossier is finalized and cannot be changed. Reopen it to change it.',
  },
  'dossier.not-finalized': {
    exit: 'refused',
    vi: 'Hồ sơ chưa hoàn tất nên không cần mở lại.',
    en: 'This dossier is not finalized, so there is nothing to reopen.',
  },
  'dossier.not-found': { exit: 'input', vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  'dossier.not-ready': {
    exit: 'refused',
    vi: 'Còn văn bản chưa xử lý xong hoặc có trang lỗi. Chờ xử lý xong hoặc xóa/quét lại trang lỗi rồi ký.',
    en: 'Some documents are still being processed or have a failed page. Wait, or remove/rescan the failed page, then sign.',
  },
});

export const DOCUMENT_CODES = codeArea({
  'document.not-found': { exit: 'input', vi: 'Không tìm thấy văn bản.', en: 'Document not found.' },
  'document.not-removable': {
    exit: 'refused',
    vi: 'Không xóa được văn bản này: văn bản đã ký, đã chờ gửi hoặc đang được hồ sơ khác dùng lại.',
    en: 'This document cannot be removed: it is signed, queued for the hub, or reused by another dossier.',
  },
});

export const PAGE_CODES = codeArea({
  'page.move-conflict': {
    exit: 'refused',
    vi: 'Văn bản đích đã có trang giống hệt trang này.',
    en: 'The target document already has this exact page.',
  },
  'page.not-found': { exit: 'input', vi: 'Không tìm thấy trang.', en: 'Page not found.' },
  'page.not-ready': {
    exit: 'refused',
    vi: 'Trang chưa xử lý xong; hãy chờ rồi xoay lại.',
    en: 'The page is still being processed; wait, then rotate it.',
  },
  'page.order-stale': {
    exit: 'refused',
    vi: 'Thứ tự trang đã thay đổi trước khi di chuyển; màn hình đã tải lại thứ tự đang lưu. Hãy di chuyển lại nếu cần.',
    en: 'The page order changed before this move; the screen now shows the stored order. Move the page again if needed.',
  },
  'page.rescan-duplicate': {
    exit: 'refused',
    vi: 'Bản quét mới giống hệt một trang khác của văn bản; trang cũ được giữ nguyên.',
    en: 'The new scan is identical to another page of this document; the old page is kept.',
  },
  'page.rescan-empty': {
    exit: 'input',
    vi: 'Máy quét không trả về trang nào. Đặt giấy vào máy rồi quét lại.',
    en: 'The scanner delivered no page. Put the sheet in the scanner and try again.',
  },
  'page.rescan-no-scanner': {
    exit: 'environment',
    vi: 'Hồ sơ này chưa quét bằng máy quét nào. Hãy quét hoặc nhập lại trang rồi xóa trang cũ.',
    en: 'This dossier was never scanned with a scanner. Scan or import the page again, then remove the old one.',
  },
});

export const REUSE_CODES = codeArea({
  'reuse.not-allowed': {
    exit: 'refused',
    vi: 'Không thể dùng lại văn bản này cho hồ sơ này.',
    en: 'This document cannot be reused for this dossier.',
  },
});

export const SIGNING_CODES = codeArea({
  'signing.trust-anchor-invalid': {
    exit: 'input',
    vi: 'Tệp này không phải chứng thư số dạng PEM hoặc DER.',
    en: 'This file is not a PEM or DER certificate.',
  },
  'trust.not-a-ca': {
    exit: 'input',
    vi: 'Chứng thư này không phải của tổ chức cung cấp dịch vụ chứng thực (CA) nên không thể làm chứng thư gốc tin cậy. Hãy nhập chứng thư gốc của CA.',
    en: "This certificate is not a certification authority's, so it cannot be a trusted root. Import the CA's root certificate.",
  },
  'signing.trust-anchor-not-found': {
    exit: 'input',
    vi: 'Không tìm thấy chứng thư gốc này trong danh sách tin cậy.',
    en: 'This root certificate is not in the trusted list.',
  },
  'signing.trust-anchor-unreadable': {
    exit: 'environment',
    vi: 'Không đọc được chứng thư gốc tin cậy (cài đặt signing.trust-anchors). Nhập lại tệp PEM của cơ quan.',
    en: "A trusted root certificate cannot be read (setting signing.trust-anchors). Import the agency's PEM file again.",
  },
});

import { codeArea } from './code-area';

// Text recognition.

export const OCR_CODES = codeArea({
  'ocr.engine-failed': { exit: 'environment', vi: 'bộ nhận dạng chữ gặp lỗi', en: 'the text recognition engine failed' },
  'ocr.failed': { exit: 'internal', vi: 'Nhận dạng chữ (OCR) thất bại.', en: 'Text recognition (OCR) failed.' },
  'ocr.image-corrupt': { exit: 'input', vi: 'ảnh không đọc được để nhận dạng chữ', en: 'the image could not be read for text recognition' },
  'ocr.language-data-missing': {
    exit: 'environment',
    vi: 'Thiếu dữ liệu ngôn ngữ cho nhận dạng chữ. Cài lại ứng dụng.',
    en: 'The OCR language data is missing. Reinstall the app.',
  },
  'ocr.pool-closed': { exit: 'environment', vi: 'Bộ nhận dạng chữ đã đóng.', en: 'The OCR workers were closed.' },
  'ocr.worker-crashed': { exit: 'environment', vi: 'bộ nhận dạng chữ bị dừng đột ngột', en: 'the text recognition worker stopped' },
});

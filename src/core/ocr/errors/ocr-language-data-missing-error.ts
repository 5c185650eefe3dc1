import { CodedError } from '../../../shared/errors';

/** The traineddata of a language is not installed (its @tesseract.js-data package is missing). */
export class OcrLanguageDataMissingError extends CodedError {
  constructor(lang: string, looked: string) {
    super('ocr.language-data-missing', `No OCR language data for '${lang}' (looked for ${looked})`, { lang, looked });
  }
}

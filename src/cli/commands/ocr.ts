import { notYet } from '../not-yet';

export const ocrCommand = notYet('ocr', 'ocr <image...> [--lang vie+eng] [--json] [--raw]', 'read text from page images');

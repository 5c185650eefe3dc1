/** OCR output of one page, as every stage after OCR sees it. Boxes are in image pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  bbox: Box;
  /** 0–100 */
  confidence: number;
}

export interface OcrLine {
  text: string;
  bbox: Box;
  confidence: number;
  words: OcrWord[];
}

export interface PageText {
  /** Reading-order text, NFC, lines separated by \n, paragraphs by a blank line. */
  text: string;
  lines: OcrLine[];
  /** Mean word confidence, 0–100. */
  confidence: number;
  width: number;
  height: number;
  /** Set when the engine could read nothing useful (blank, noise, wrong language). */
  unreadable?: boolean;
}

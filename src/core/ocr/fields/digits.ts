/** OCR confusions inside a run of digits: O/o → 0, I/l/| → 1. */
const CONFUSIONS: Record<string, string> = { O: '0', o: '0', D: '0', I: '1', l: '1', '|': '1', i: '1' };

/** Characters that may stand for a digit in a digit run as OCR reads it. */
export const DIGITISH = '[0-9OoDIl|]';

export interface RepairedDigits {
  digits: string;
  /** How many characters were letters read in place of digits. */
  repairs: number;
}

/** Keeps the digits of `raw` (separators dropped), reading confusable letters as digits. */
export function repairDigits(raw: string): RepairedDigits {
  let digits = '';
  let repairs = 0;
  for (const ch of raw) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (CONFUSIONS[ch]) {
      digits += CONFUSIONS[ch];
      repairs++;
    }
  }
  return { digits, repairs };
}

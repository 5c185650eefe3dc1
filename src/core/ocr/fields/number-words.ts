/**
 * Vietnamese numbers written in words, on folded text (no marks, lower case), as birth
 * certificates write a date of birth: `hai mươi bảy` 27, `mười lăm` 15, `hai nghìn không trăm
 * hai mươi mốt` 2021, `một nghìn chín trăm linh năm` 1905.
 */
const DIGITS: Record<string, number> = {
  khong: 0,
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  nham: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};
const TENS = 'muoi';
const HUNDREDS = 'tram';
const THOUSANDS = new Set(['nghin', 'ngan']);
/** "linh"/"lẻ": no tens (`hai nghìn linh năm` 2005); "mùng"/"mồng": the day prefix of 1–10. */
const FILLERS = new Set(['linh', 'le', 'mung', 'mong']);

/** One alternation of every word a number can be made of, for building patterns. */
export const NUMBER_WORD = `(?:${[...Object.keys(DIGITS), TENS, HUNDREDS, ...THOUSANDS, ...FILLERS].join('|')})`;

/** The value of a run of number words, or null when the words do not make a number. */
export function parseNumberWords(words: readonly string[]): number | null {
  let total = 0;
  let hundreds = 0;
  let tens = 0;
  let unit: number | null = null;
  let any = false;
  for (const word of words) {
    if (word in DIGITS) {
      if (unit !== null) return null;
      unit = DIGITS[word]!;
      any = true;
    } else if (word === TENS) {
      if (tens) return null;
      tens = unit === null ? 10 : unit * 10;
      unit = null;
      any = true;
    } else if (word === HUNDREDS) {
      if (unit === null || hundreds || tens) return null;
      hundreds = unit * 100;
      unit = null;
    } else if (THOUSANDS.has(word)) {
      const below = hundreds + tens + (unit ?? 0);
      if (!below || total) return null;
      total = below * 1000;
      hundreds = tens = 0;
      unit = null;
    } else if (!FILLERS.has(word)) {
      return null;
    }
  }
  return any ? total + hundreds + tens + (unit ?? 0) : null;
}

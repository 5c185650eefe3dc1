/**
 * Marks that never stand as a word of their own in Vietnamese print: a colon, full stop or comma
 * sticks to the word before it, and quotes to the word they enclose. Alone, between spaces, they are
 * specks, seal dots or the edge of a column read as text: `:` between the two header columns, `.`
 * before a line, `„` after a signature (docs/OCR.md, fourth round). A dash, a slash or a run of
 * leader dots (`……`) does stand alone, and is kept.
 */
const STRAY = /^[.,:;_'"„“”‘’`´^~¡|]{1,2}$/u;

export function isStrayPunctuation(text: string): boolean {
  return STRAY.test(text);
}

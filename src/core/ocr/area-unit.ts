/**
 * `²` is not among the `vie` model's characters, so tesseract reads the `m²` of an area as `m2`, `m‡`
 * or `m?`. After a number (`285,7 m²`, the form every area on the tuning pages takes) it is put back;
 * a `m2` anywhere else is left as read (docs/OCR.md, fourth round).
 */
const NUMBER = /^\d+(?:[.,]\d+)*$/u;
const MISREAD_SQUARE_METRE = /^m[2‡?]([,.;:)]?)$/u;

/** The word's text with the unit restored, or the text unchanged. */
export function squareMetreAfterNumber(text: string, previous: string | undefined): string {
  if (previous === undefined || !NUMBER.test(previous)) return text;
  const match = MISREAD_SQUARE_METRE.exec(text);
  return match ? `m²${match[1]}` : text;
}

/**
 * Folds Vietnamese text for search: lower case, no tone or vowel marks, đ → d.
 * "Nguyễn Văn Ánh" → "nguyen van anh". SQLite's FTS5 `remove_diacritics 2` keeps đ as its own
 * letter, so text is folded here before it is indexed and before it is searched.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

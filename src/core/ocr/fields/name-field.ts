import type { ExtractedField } from './field-types';
import { makeField } from './make-field';
import type { TextIndex } from './text-index';

/** `Họ và tên:`, `Họ, chữ đệm, tên người yêu cầu:`, `Họ tên:` (matched on folded text). */
const NAME_LABEL = /(?:ho va ten|ho, chu dem, ten|ho ten)[^:\n]{0,50}:[ \t]*/g;
/** `Ông/Bà:`, `1. Bà …`, `của ông …`: a title before a capitalised name. */
const TITLE_LABEL = /(?<![\p{L}])((?:Ông\s*\/\s*Bà|Bà\s*\/\s*Ông|[Ôô]ng|[Bb]à)\s*:?[ \t]+)(?=\p{Lu})/gu;
/** Lines after which the next line is the signer's name (folded). */
const SIGNER_CUE =
  /(\(ky[^)]*ho ten\)|^(kt\. |tm\. |q\. )?(pho )?(chu tich|truong phong|pho truong phong|giam doc|truong ban|thu truong|nguoi [\p{L} ]+)$)/u;
/** Capitalised words that start the next label on the same line, never part of a name. */
const NOT_NAME = new Set([
  'sinh',
  'giới',
  'năm',
  'ngày',
  'nơi',
  'số',
  'địa',
  'điện',
  'cccd',
  'cmnd',
  'email',
  'nghề',
  'chức',
  'quan',
  'là',
  'mã',
  'tên',
  'giấy',
]);
const WORD = /^[\p{Lu}][\p{L}]*$/u;

function titleCase(word: string): string {
  return word.charAt(0).toLocaleUpperCase('vi') + word.slice(1).toLocaleLowerCase('vi');
}

/** 2–6 capitalised words from `start` on the same line; null when there are not two. */
function nameAt(index: TextIndex, start: number): { end: number; words: string[] } | null {
  const words: string[] = [];
  let pos = start;
  let upper: boolean | null = null;
  for (const m of index.text.slice(start).matchAll(/[^\s,;.()]+|[\s,;.()]/gu)) {
    const token = m[0];
    if (token === ' ') continue;
    if (!WORD.test(token) || NOT_NAME.has(token.toLocaleLowerCase('vi')) || words.length === 6) break;
    if (/^(?:Quốc tịch|Dân tộc|QUỐC TỊCH|DÂN TỘC)/u.test(index.text.slice(start + m.index))) break;
    const isUpper = token === token.toLocaleUpperCase('vi') && token.length > 1;
    if (upper !== null && token.length > 1 && isUpper !== upper) break;
    if (token.length > 1) upper ??= isUpper;
    words.push(token);
    pos = start + m.index + token.length;
  }
  return words.length >= 2 ? { end: pos, words } : null;
}

/** Person names that follow a name label or a title (Ông, Bà), in title case. */
export function extractNames(index: TextIndex): ExtractedField[] {
  const starts: number[] = [];
  for (const m of index.folded.matchAll(NAME_LABEL)) starts.push(m.index + m[0].length);
  for (const m of index.text.matchAll(TITLE_LABEL)) starts.push(m.index + m[0].length);
  const lines = index.folded.split('\n');
  let offset = 0;
  lines.forEach((line, i) => {
    if (i > 0 && SIGNER_CUE.test(lines[i - 1]!.trim())) starts.push(offset);
    offset += line.length + 1;
  });
  const found: ExtractedField[] = [];
  for (const start of [...new Set(starts)].sort((a, b) => a - b)) {
    const name = nameAt(index, start);
    if (!name) continue;
    const value = name.words.map(titleCase).join(' ');
    if (SIGNER_CUE.test(index.folded.slice(start, name.end).toLowerCase())) continue;
    const field = makeField(index, 'name', value, start, name.end, 0.9);
    if (field && !found.some((f) => f.value === value)) found.push(field);
  }
  return found;
}

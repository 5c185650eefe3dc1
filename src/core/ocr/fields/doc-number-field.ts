import { repairDigits } from './digits';
import type { ExtractedField } from './field-types';
import { makeField } from './make-field';
import type { TextIndex } from './text-index';

/** `Số: 123/QĐ-UBND`, `Số: 45/2021/GCN-…`, `Số: 2913/BN`: a number, an optional year, a symbol. */
const DOC_NUMBER =
  /(?<![\p{L}])S[ốỐoô]\s*:\s*([0-9OoIl]{1,6})\s*\/\s*(?:((?:19|20)[0-9]{2})\s*\/\s*)?([\p{Lu}][\p{Lu}0-9]*(?:\s?-\s?[\p{Lu}0-9]+)*)/gu;

/** The document's number and symbol (số và ký hiệu), from the first `Số:` line that has one. */
export function extractDocNumber(index: TextIndex): ExtractedField | null {
  for (const m of index.text.matchAll(DOC_NUMBER)) {
    const number = repairDigits(m[1]!);
    if (number.digits.length !== m[1]!.length || Number(number.digits) === 0) continue;
    const symbol = m[3]!.replace(/\s/g, '');
    const value = [number.digits, m[2], symbol].filter(Boolean).join('/');
    const start = m.index + m[0].indexOf(m[1]!);
    return makeField(index, 'doc_number', value, start, m.index + m[0].length, number.repairs ? 0.85 : 1);
  }
  return null;
}

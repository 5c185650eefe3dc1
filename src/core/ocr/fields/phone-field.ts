import type { ExtractedField } from './field-types';
import { labelBefore, makeField } from './make-field';
import { findNumberRuns } from './number-runs';
import type { TextIndex } from './text-index';

const PHONE_LABEL = /(dien thoai|sdt|dt|phone|hotline|tel|di dong)[^\n\d]{0,12}$/;

/** Vietnamese phone numbers as digits only: 10-digit mobiles (0[35789]…) and 11-digit landlines (02…). */
export function isVietnamesePhone(digits: string): boolean {
  return /^0[35789]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits);
}

export function extractPhones(index: TextIndex): ExtractedField[] {
  const found: ExtractedField[] = [];
  for (const run of findNumberRuns(index.text, ' .-')) {
    let digits = run.digits;
    const plus = index.text.slice(Math.max(0, run.start - 1), run.start) === '+' && digits.startsWith('84');
    if (plus) digits = `0${digits.slice(2)}`;
    if (!isVietnamesePhone(digits) || run.repairs > 1) continue;
    if (run.groups.length > 1 && run.groups.some((g) => g.length < 2)) continue;
    let factor = run.repairs ? 0.85 : 1;
    if (!labelBefore(index, run.start, PHONE_LABEL, 30)) factor *= 0.8;
    const field = makeField(index, 'phone', digits, plus ? run.start - 1 : run.start, run.end, factor);
    if (field && !found.some((f) => f.value === field.value)) found.push(field);
  }
  return found;
}

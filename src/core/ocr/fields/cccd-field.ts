import { checkCccd, isCmnd } from '../../../shared/cccd';
import type { ExtractedField } from './field-types';
import { labelBefore, makeField } from './make-field';
import { findNumberRuns } from './number-runs';
import type { TextIndex } from './text-index';

const ID_LABEL = /(cccd|can cuoc|dinh danh|cmnd|chung minh|giay to|so giay)[^\n]{0,40}$/;
const CMND_LABEL = /(cmnd|chung minh)[^\n]{0,30}$/;

/**
 * 12-digit CCCD numbers. Only numbers whose structure checks out (province, century, birth year)
 * are kept: a wrong CCCD is worse than none. Digit groups split by spaces (`074 084 577 742`) and
 * O/l read for 0/1 are accepted, at a lower confidence.
 */
export function extractCccd(index: TextIndex): ExtractedField[] {
  const found: ExtractedField[] = [];
  for (const run of findNumberRuns(index.text, ' ')) {
    if (run.digits.length !== 12 || run.repairs > 2) continue;
    if (run.groups.length > 1 && run.groups.some((g) => g.length < 3)) continue;
    if (!checkCccd(run.digits).ok) continue;
    let factor = 1;
    if (run.repairs) factor *= 0.85;
    if (run.groups.length > 1) factor *= 0.95;
    if (!labelBefore(index, run.start, ID_LABEL)) factor *= 0.85;
    const field = makeField(index, 'cccd', run.digits, run.start, run.end, factor);
    if (field && !found.some((f) => f.value === field.value)) found.push(field);
  }
  return found;
}

/** Old 9-digit CMND numbers, only right after a CMND label (9 digits alone say too little). */
export function extractCmnd(index: TextIndex): ExtractedField[] {
  const found: ExtractedField[] = [];
  for (const run of findNumberRuns(index.text, ' ')) {
    if (!isCmnd(run.digits) || run.repairs > 1) continue;
    if (!labelBefore(index, run.start, CMND_LABEL)) continue;
    const field = makeField(index, 'cmnd', run.digits, run.start, run.end, run.repairs ? 0.85 : 1);
    if (field && !found.some((f) => f.value === field.value)) found.push(field);
  }
  return found;
}

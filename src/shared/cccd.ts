/**
 * Vietnamese citizen identity numbers. A CCCD has 12 digits: 3 for the province where the birth
 * was registered, 1 for century and sex, 2 for the year of birth, 6 random. Old CMND numbers have 9.
 */

/** Province codes of the 63 provinces in force when CCCD numbering began (Circular 07/2016/TT-BCA). */
export const CCCD_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
]);

export type CccdProblem = 'format' | 'province' | 'century' | 'birth-year';

export interface CccdInfo {
  province: string;
  sex: 'male' | 'female';
  birthYear: number;
}

/** Checks the structure of a 12-digit CCCD; returns what it encodes, or the first problem found. */
export function checkCccd(
  value: string,
  currentYear = new Date().getFullYear(),
): { ok: true; info: CccdInfo } | { ok: false; problem: CccdProblem } {
  if (!/^\d{12}$/.test(value)) return { ok: false, problem: 'format' };
  const province = value.slice(0, 3);
  if (!CCCD_PROVINCE_CODES.has(province)) return { ok: false, problem: 'province' };
  const centuryDigit = Number(value[3]);
  // 0/1: 1900s, 2/3: 2000s, 4/5: 2100s …; nobody alive was born outside 1900–now.
  if (centuryDigit > 3) return { ok: false, problem: 'century' };
  const birthYear = 1900 + Math.floor(centuryDigit / 2) * 100 + Number(value.slice(4, 6));
  if (birthYear > currentYear) return { ok: false, problem: 'birth-year' };
  return { ok: true, info: { province, sex: centuryDigit % 2 === 0 ? 'male' : 'female', birthYear } };
}

export function isValidCccd(value: string): boolean {
  return checkCccd(value).ok;
}

/** Old 9-digit identity card (CMND). Only the shape can be checked. */
export function isCmnd(value: string): boolean {
  return /^\d{9}$/.test(value);
}

/**
 * Kodak patch codes (Kodak publication A-61599, "Patch Code Information"): four black bars, two
 * wide (0.20 in) and two narrow (0.08 in), between three narrow spaces, 0.80 in in all, the bars
 * running parallel to the sheet's leading edge. Which bars are wide names the code. Read from the
 * other end, Patch T is Patch 3 and Patch 1 is Patch 6, so the direction of reading matters.
 */
export type PatchCode = '1' | '2' | '3' | '4' | '6' | 'T';

/** Each code's bars from the leading edge: W wide, N narrow. */
export const PATCH_PATTERNS: Record<PatchCode, string> = { '1': 'WWNN', '2': 'WNNW', '3': 'WNWN', '4': 'NWWN', '6': 'NNWW', T: 'NWNW' };

/** Bar and space widths, in inches. */
export const PATCH_NARROW_IN = 0.08;
export const PATCH_WIDE_IN = 0.2;
/** The whole pattern: 2 wide + 2 narrow bars + 3 narrow spaces. */
export const PATCH_LENGTH_IN = 2 * PATCH_WIDE_IN + 5 * PATCH_NARROW_IN;

export function patchCodeOf(pattern: string): PatchCode | null {
  for (const [code, p] of Object.entries(PATCH_PATTERNS)) if (p === pattern) return code as PatchCode;
  return null;
}

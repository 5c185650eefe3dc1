import { rowProfile, type InkPoints } from './ink-points';

/**
 * Ink just above the x-height band of each text line divided by ink just below it, with
 * the page turned by `angleDeg` clockwise. Vietnamese puts diacritics, capitals and
 * ascenders above the band and few descenders below, so upright text scores well above 1
 * and upside-down text well below.
 */
export function aboveBelowRatio(points: InkPoints, angleDeg: number): number {
  const profile = rowProfile(points, angleDeg);
  const smooth = new Float64Array(profile.length);
  for (let i = 1; i < profile.length - 1; i++) smooth[i] = (profile[i - 1]! + 2 * profile[i]! + profile[i + 1]!) / 4;
  const sorted = Array.from(smooth)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return 1;
  const high = sorted[Math.floor(sorted.length * 0.95)]!;
  const bandLevel = high * 0.4;
  let above = 0;
  let below = 0;
  let i = 0;
  while (i < smooth.length) {
    if (smooth[i]! < bandLevel) {
      i++;
      continue;
    }
    let j = i;
    while (j < smooth.length && smooth[j]! >= bandLevel) j++;
    const bandHeight = j - i;
    if (bandHeight >= 3) {
      const reach = Math.max(2, Math.round(bandHeight * 0.7));
      for (let k = Math.max(0, i - reach); k < i; k++) above += profile[k]!;
      for (let k = j; k < Math.min(profile.length, j + reach); k++) below += profile[k]!;
    }
    i = j;
  }
  return (above + 1) / (below + 1);
}

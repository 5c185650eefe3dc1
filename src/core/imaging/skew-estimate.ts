import { rowProfile, type InkPoints } from './ink-points';

export interface SkewEstimate {
  /** Clockwise turn (degrees) that makes the text lines level: pass it to sharp's rotate(). */
  correctionDeg: number;
  /** How sharply the lines stand out at that angle: higher is crisper; comparable between turns of the same points. */
  score: number;
}

export interface SkewSearch {
  rangeDeg: number;
  coarseStepDeg: number;
  fineStepDeg: number;
}

export const defaultSkewSearch: SkewSearch = { rangeDeg: 5, coarseStepDeg: 0.25, fineStepDeg: 0.02 };

/** Sum of squared differences between neighbouring rows: large when lines and gaps alternate sharply. */
export function profileSharpness(profile: Float64Array, total: number): number {
  let s = 0;
  for (let i = 1; i < profile.length; i++) {
    const d = profile[i]! - profile[i - 1]!;
    s += d * d;
  }
  return total > 0 ? s / total : 0;
}

/** Projection-profile search over candidate angles, coarse then fine, for the turn that levels the text. */
export function estimateSkew(points: InkPoints, search: SkewSearch = defaultSkewSearch, centreDeg = 0): SkewEstimate {
  const scoreAt = (deg: number) => profileSharpness(rowProfile(points, deg), points.count);
  let best = { correctionDeg: centreDeg, score: scoreAt(centreDeg) };
  for (let a = centreDeg - search.rangeDeg; a <= centreDeg + search.rangeDeg + 1e-9; a += search.coarseStepDeg) {
    const score = scoreAt(a);
    if (score > best.score) best = { correctionDeg: a, score };
  }
  const centre = best.correctionDeg;
  for (let a = centre - search.coarseStepDeg; a <= centre + search.coarseStepDeg + 1e-9; a += search.fineStepDeg) {
    const score = scoreAt(a);
    if (score > best.score) best = { correctionDeg: a, score };
  }
  return { correctionDeg: Math.round(best.correctionDeg * 100) / 100, score: best.score };
}

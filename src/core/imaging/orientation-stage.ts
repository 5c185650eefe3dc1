import { quarterTurn, thinPoints } from './ink-points';
import { analysisInkPoints, type PageAnalysis } from './page-analysis';
import type { QuarterTurn } from './page-types';
import { estimateSkew, type SkewSearch } from './skew-estimate';
import { aboveBelowRatio } from './upright-cue';

/**
 * Scores the page turned clockwise by `rotation` (higher = more readable), e.g. mean OCR
 * confidence. Asked only when the layout cues cannot tell up from down.
 */
export type OrientationScorer = (rotation: QuarterTurn) => Promise<number>;

export interface OrientationInput {
  analysis: PageAnalysis;
  scorer?: OrientationScorer;
}

export interface OrientationResult {
  /** Clockwise turn that makes the page upright (sharp's rotate()). */
  rotation: QuarterTurn;
  /** 0..1: how clearly the cues pointed one way. */
  confidence: number;
  method: 'layout' | 'scorer' | 'no-text';
  /** Skew of the lines found on the way (clockwise correction, degrees); a half or quarter turn does not change it. */
  skewDeg: number;
}

const coarseSearch: SkewSearch = { rangeDeg: 5, coarseStepDeg: 0.5, fineStepDeg: 0.1 };
const fineSearch: SkewSearch = { rangeDeg: 0.5, coarseStepDeg: 0.1, fineStepDeg: 0.02 };

/** Fewer ink pixels than this and there is no text to orient by. */
const minInkPoints = 2000;
/** |ln(above/below)| under this leaves up and down undecided. */
const uprightMargin = 0.18;

export async function orientationStage(input: OrientationInput): Promise<OrientationResult> {
  const points = analysisInkPoints(input.analysis);
  if (points.count < minInkPoints) return { rotation: 0, confidence: 0, method: 'no-text', skewDeg: 0 };
  const turned = quarterTurn(points);
  // Which way the lines run, on a thinned set of points; then the skew, finely, on all of them.
  const thin = thinPoints(points, 3);
  const level = estimateSkew(thin, coarseSearch);
  const upright = estimateSkew(quarterTurn(thin), coarseSearch);
  const sideways = upright.score > level.score;
  const [coarse, other] = sideways ? [upright, level] : [level, upright];
  const axisConfidence = 1 - other.score / coarse.score;
  const best = estimateSkew(sideways ? turned : points, fineSearch, coarse.correctionDeg);
  const ratio = aboveBelowRatio(sideways ? turned : points, best.correctionDeg);
  const logRatio = Math.log(ratio);
  const base: QuarterTurn = sideways ? 90 : 0;
  const flipped: QuarterTurn = sideways ? 270 : 180;
  if (Math.abs(logRatio) < uprightMargin && input.scorer) {
    const [a, b] = await Promise.all([input.scorer(base), input.scorer(flipped)]);
    return { rotation: a >= b ? base : flipped, confidence: axisConfidence * 0.5, method: 'scorer', skewDeg: best.correctionDeg };
  }
  const upConfidence = Math.min(1, Math.abs(logRatio) / (uprightMargin * 3));
  return {
    rotation: logRatio >= 0 ? base : flipped,
    confidence: Math.round(Math.min(axisConfidence, upConfidence) * 100) / 100,
    method: 'layout',
    skewDeg: best.correctionDeg,
  };
}

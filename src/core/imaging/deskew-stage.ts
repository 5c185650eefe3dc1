import { quarterTurn } from './ink-points';
import { analysisInkPoints, type PageAnalysis } from './page-analysis';
import { turnPage } from './page-geometry';
import type { QuarterTurn } from './page-types';
import type { RawImage } from './raster';
import { estimateSkew } from './skew-estimate';

/** Turns smaller than this are left alone: resampling would cost more sharpness than it gains. */
export const minSkewToCorrectDeg = 0.05;

export interface SkewMeasure {
  /** Clockwise turn (degrees) that levels the text lines once the page is upright. */
  correctionDeg: number;
  hasText: boolean;
}

/** Measures skew on the analysis image as it will stand after the quarter turn `rotation`. */
export function measureSkew(analysis: PageAnalysis, rotation: QuarterTurn = 0): SkewMeasure {
  let points = analysisInkPoints(analysis);
  if (points.count < 2000) return { correctionDeg: 0, hasText: false };
  for (let r = 0; r < rotation; r += 90) points = quarterTurn(points);
  return { correctionDeg: estimateSkew(points).correctionDeg, hasText: true };
}

export interface DeskewInput {
  image: RawImage;
  analysis: PageAnalysis;
  /** Quarter turn from the orientation stage, applied in the same resample. */
  rotation?: QuarterTurn;
  /** Skew already measured (by the orientation stage); measured here when absent. */
  skewDeg?: number;
}

export interface DeskewResult {
  image: RawImage;
  rotationApplied: QuarterTurn;
  /** Clockwise degrees turned to level the lines (0 when none was needed). */
  skewCorrected: number;
}

export async function deskewStage(input: DeskewInput): Promise<DeskewResult> {
  const rotation = input.rotation ?? 0;
  const skew = input.skewDeg ?? measureSkew(input.analysis, rotation).correctionDeg;
  const fine = Math.abs(skew) >= minSkewToCorrectDeg ? skew : 0;
  const image = await turnPage(input.image, rotation + fine);
  return { image, rotationApplied: rotation, skewCorrected: fine };
}

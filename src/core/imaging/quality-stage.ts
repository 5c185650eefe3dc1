import { histogram } from './ink-mask';
import { marksTouchingEdges, type Edge } from './edge-cut';
import type { PageAnalysis } from './page-analysis';
import { hashDistance, nearDuplicateMaxDistance } from './phash';
import { edgeSharpness } from './sharpness';

export type QualityFlag = 'low-dpi' | 'too-dark' | 'too-light' | 'blurred' | 'cut-off' | 'near-duplicate';

/** Decree 30/2020: digitized documents at 200 dpi or more. */
export const minRecordDpi = 200;
const minPaperLevel = 140;
const maxInkLevel = 150;
const minContrast = 70;
const minSharpness = 0.35;
const minEdgeMarksForCutOff = 3;

export interface QualityInput {
  analysis: PageAnalysis;
  dpi: number;
  /** Blank pages have no text to judge sharpness, exposure of ink or cut-off by. */
  blank: boolean;
  phash?: string;
  /** Hashes of the other pages of the document/batch. */
  otherHashes?: readonly string[];
}

export interface QualityResult {
  flags: QualityFlag[];
  measures: {
    paperLevel: number;
    inkLevel: number;
    sharpness: number;
    edgeMarks: Record<Edge, number>;
    nearestDuplicateDistance: number | null;
  };
}

export function qualityStage(input: QualityInput): QualityResult {
  const { analysis } = input;
  const flags: QualityFlag[] = [];
  if (input.dpi < minRecordDpi) flags.push('low-dpi');
  const paperLevel = analysis.paperLevel;
  const inkLevel = medianInkLevel(analysis);
  const sharpness = edgeSharpness(analysis);
  const edgeMarks = marksTouchingEdges(analysis);
  if (paperLevel < minPaperLevel) flags.push('too-dark');
  if (!input.blank && (inkLevel > maxInkLevel || paperLevel - inkLevel < minContrast)) flags.push('too-light');
  if (!input.blank && sharpness < minSharpness) flags.push('blurred');
  if (!input.blank && Object.values(edgeMarks).some((n) => n >= minEdgeMarksForCutOff)) flags.push('cut-off');
  let nearest: number | null = null;
  if (input.phash) {
    for (const other of input.otherHashes ?? []) {
      const d = hashDistance(input.phash, other);
      if (nearest === null || d < nearest) nearest = d;
    }
    if (nearest !== null && nearest <= nearDuplicateMaxDistance) flags.push('near-duplicate');
  }
  return { flags, measures: { paperLevel, inkLevel, sharpness, edgeMarks, nearestDuplicateDistance: nearest } };
}

/** Median grey of the ink pixels in the original (not evened) analysis image. */
function medianInkLevel(analysis: PageAnalysis): number {
  const { ink, gray } = analysis;
  const values = new Uint8Array(ink.length);
  let n = 0;
  for (let i = 0; i < ink.length; i++) if (ink[i]) values[n++] = gray.data[i]!;
  if (n === 0) return analysis.paperLevel;
  const hist = histogram(values.subarray(0, n));
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= n / 2) return v;
  }
  return 255;
}

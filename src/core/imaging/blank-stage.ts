import { connectedComponents } from './components';
import { analysisDpi, type PageAnalysis } from './page-analysis';

export interface BlankInput {
  analysis: PageAnalysis;
}

export interface BlankResult {
  blank: boolean;
  /** Marks big enough to be part of a character (dust and noise left out). */
  markCount: number;
  /** Share of the page covered by those marks. */
  inkShare: number;
}

/** Fewer character-sized marks than this and the page is blank (a back side with dust). */
const minMarksForText = 25;

/** Character-sized: at least ~1 mm tall or wide, under ~3 cm, and not a lone dot. */
function isCharacterSized(c: { width: number; height: number; area: number }): boolean {
  const mm = analysisDpi / 25.4;
  const extent = Math.max(c.width, c.height);
  return extent >= mm * 1.2 && extent <= mm * 30 && c.area >= mm * mm * 0.8;
}

export function blankStage(input: BlankInput): BlankResult {
  const { ink, gray } = input.analysis;
  const marks = connectedComponents(ink, gray.width, gray.height).filter(isCharacterSized);
  const area = marks.reduce((s, c) => s + c.area, 0);
  return {
    blank: marks.length < minMarksForText,
    markCount: marks.length,
    inkShare: area / (gray.width * gray.height),
  };
}

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

/** Dark or strongly toned pixels (a picture, a pattern, colour bars, a filled box) over this share of the page are content. */
const maxToneShare = 0.01;

/** Grey level under which a pixel is toned, well below paper and below show-through from the back side. */
const toneLevel = 160;

const mm = analysisDpi / 25.4;

/** Character-sized: at least ~1 mm tall or wide, under ~3 cm, and not a lone dot. */
function isCharacterSized(c: { width: number; height: number; area: number }): boolean {
  const extent = Math.max(c.width, c.height);
  return extent >= mm * 1.2 && extent <= mm * 30 && c.area >= mm * mm * 0.8;
}

/** Share of the page, outside the scanner's border, darker than `toneLevel`. */
function toneShare({ gray, border }: PageAnalysis): number {
  let toned = 0;
  for (let i = 0; i < gray.data.length; i++) if (gray.data[i]! < toneLevel && !border[i]) toned++;
  return toned / gray.data.length;
}

export function blankStage(input: BlankInput): BlankResult {
  const { ink, gray } = input.analysis;
  const marks = connectedComponents(ink, gray.width, gray.height).filter(isCharacterSized);
  const pageArea = gray.width * gray.height;
  const area = marks.reduce((s, c) => s + c.area, 0);
  return {
    blank: marks.length < minMarksForText && toneShare(input.analysis) < maxToneShare,
    markCount: marks.length,
    inkShare: area / pageArea,
  };
}

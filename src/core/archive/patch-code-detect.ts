import sharp from 'sharp';
import { PATCH_LENGTH_IN, patchCodeOf, type PatchCode } from './patch-code';

/** Pages are looked at with their short side this many pixels (~100 dpi on A4): a narrow bar is ~8 px. */
const SHORT_SIDE = 850;
/** Pages a sheet may be, by short side in inches (A5 to A3): sizes the pattern without trusting the file's dpi. */
const PAGE_SHORT_IN = { min: 5.5, max: 12 };
/** Bars are measured in bands this wide along them, so a skewed bar stays sharp within a band. */
const BAND = 16;
/** Bands of one bar may drift this much (tan 8°) from band to band: a sheet fed a few degrees crooked. */
const MAX_SKEW = Math.tan((8 * Math.PI) / 180);
/** Bars must be at least this long (inches; Kodak asks 2 in for its patch readers, 0.75 in for the others). */
const MIN_BAR_LENGTH_IN = 1.5;
/** A line across the bars is ink where its mean grey is darker than this. */
const INK = 128;

interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

/** A patch pattern seen in one band: where it lies across the bars and its bars, in image order. */
interface Hit {
  band: number;
  start: number;
  end: number;
  pattern: string;
}

type Axis = 'horizontal' | 'vertical';

/**
 * The Kodak patch code a scanned page carries (1, 2, 3, 4, 6 or T), or null for an ordinary page
 * or an unreadable file. Bars may run across or along the page (fed either way round) and lean a
 * few degrees. The bars are named from the page edge the pattern lies nearer to, which is the leading
 * edge of a sheet fed the right way round and stays so when the page comes out turned over.
 */
export async function readPatchCode(image: Buffer): Promise<PatchCode | null> {
  let grey: Grey;
  try {
    const { data, info } = await sharp(image)
      .rotate()
      .greyscale()
      .resize({ width: SHORT_SIDE, height: SHORT_SIDE, fit: 'outside' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    grey = { data, width: info.width, height: info.height };
  } catch {
    return null;
  }
  let best: { code: PatchCode; span: number } | null = null;
  for (const axis of ['horizontal', 'vertical'] as const) {
    const found = readAxis(grey, axis);
    if (found && (!best || found.span > best.span)) best = found;
  }
  return best?.code ?? null;
}

export const isPatchT = async (image: Buffer) => (await readPatchCode(image)) === 'T';

/** The longest run of bars lying along `axis`, if long enough to be a patch code. */
function readAxis(grey: Grey, axis: Axis): { code: PatchCode; span: number } | null {
  const across = axis === 'horizontal' ? grey.height : grey.width;
  const along = axis === 'horizontal' ? grey.width : grey.height;
  const shortSide = Math.min(grey.width, grey.height);
  const length = {
    min: ((0.88 * PATCH_LENGTH_IN) / PAGE_SHORT_IN.max) * shortSide,
    max: ((1.12 * PATCH_LENGTH_IN) / PAGE_SHORT_IN.min) * shortSide,
  };
  const hits: Hit[] = [];
  for (let band = 0; (band + 1) * BAND <= along; band++) hits.push(...hitsIn(profile(grey, axis, band), band, length));
  const chain = longestChain(hits);
  if (!chain) return null;
  const first = chain[0]!;
  const meanLength = chain.reduce((sum, h) => sum + h.end - h.start, 0) / chain.length;
  const span = (chain.at(-1)!.band - first.band + 1) * BAND;
  if (span / (meanLength / PATCH_LENGTH_IN) < MIN_BAR_LENGTH_IN) return null;
  const centre = chain.reduce((sum, h) => sum + h.start + h.end, 0) / (2 * chain.length);
  const pattern = centre < across / 2 ? first.pattern : [...first.pattern].reverse().join('');
  const code = patchCodeOf(pattern);
  return code ? { code, span } : null;
}

/** The mean grey of each line across the bars, within one band along them. */
function profile(grey: Grey, axis: Axis, band: number): Float32Array {
  const { data, width, height } = grey;
  const from = band * BAND;
  if (axis === 'horizontal') {
    const out = new Float32Array(height);
    for (let y = 0; y < height; y++) {
      let sum = 0;
      for (let x = from; x < from + BAND; x++) sum += data[y * width + x]!;
      out[y] = sum / BAND;
    }
    return out;
  }
  const out = new Float32Array(width);
  for (let y = from; y < from + BAND; y++) for (let x = 0; x < width; x++) out[x]! += data[y * width + x]!;
  for (let x = 0; x < width; x++) out[x]! /= BAND;
  return out;
}

/** Four bars between three narrow spaces, with clear paper either side, sized as a patch code. */
function hitsIn(line: Float32Array, band: number, length: { min: number; max: number }): Hit[] {
  const runs: { dark: boolean; start: number; size: number }[] = [];
  for (let i = 0; i < line.length; i++) {
    const dark = line[i]! < INK;
    const last = runs.at(-1);
    if (last && last.dark === dark) last.size++;
    else runs.push({ dark, start: i, size: 1 });
  }
  const hits: Hit[] = [];
  // Runs alternate ink and paper: runs[i - 1] and runs[i + 7] are the quiet zones.
  for (let i = 1; i + 7 < runs.length; i++) {
    if (!runs[i]!.dark) continue;
    const start = runs[i]!.start;
    const end = runs[i + 6]!.start + runs[i + 6]!.size;
    if (end - start < length.min || end - start > length.max) continue;
    const unit = (end - start) / 10;
    if (runs[i - 1]!.size < 1.5 * unit || runs[i + 7]!.size < 1.5 * unit) continue;
    let pattern = '';
    for (let k = 0; k < 7; k++) {
      const w = runs[i + k]!.size / unit;
      const kind = w >= 0.55 && w <= 1.5 ? 'N' : w >= 1.9 && w <= 3.2 ? 'W' : '?';
      if (k % 2 === 1 ? kind !== 'N' : kind === '?') break;
      if (k % 2 === 0) pattern += kind;
    }
    if (pattern.length === 4 && pattern.split('W').length === 3) hits.push({ band, start, end, pattern });
  }
  return hits;
}

/** The longest chain of like hits in nearby bands that lie on one (possibly leaning) set of bars. */
function longestChain(hits: Hit[]): Hit[] | null {
  const best: { length: number; prev: number }[] = [];
  let top = -1;
  for (let j = 0; j < hits.length; j++) {
    const h = hits[j]!;
    best.push({ length: 1, prev: -1 });
    for (let i = j - 1; i >= 0 && h.band - hits[i]!.band <= 3; i--) {
      const g = hits[i]!;
      const gap = h.band - g.band;
      if (gap === 0 || g.pattern !== h.pattern) continue;
      if (Math.abs(h.start + h.end - g.start - g.end) / 2 > gap * BAND * MAX_SKEW + 2) continue;
      if (best[i]!.length + 1 > best[j]!.length) best[j] = { length: best[i]!.length + 1, prev: i };
    }
    if (top < 0 || best[j]!.length > best[top]!.length) top = j;
  }
  if (top < 0) return null;
  const chain: Hit[] = [];
  for (let k = top; k >= 0; k = best[k]!.prev) chain.unshift(hits[k]!);
  return chain;
}

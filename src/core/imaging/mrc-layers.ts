import { otsuThreshold, paperLevels } from './ink-mask';
import type { RawImage } from './raster';

/**
 * A page split for mixed raster content (docs/RECORD.md, "Mixed raster content"): what is
 * printed in dark neutral ink as a full-resolution 1-bit mask, what is in coloured ink (a red
 * seal, a blue signature) as a second full-resolution mask over a low-resolution colour image,
 * and the paper as a low-resolution image with the ink of both masks taken out.
 */
export interface MrcLayers {
  width: number;
  height: number;
  /** 255 where the pixel is dark neutral ink (text, rules), 0 elsewhere. */
  text: Uint8Array;
  /**
   * The colour the text mask is painted with: the mean of its core pixels, those within the Otsu
   * threshold itself (the mean of all its pixels when none are). The margin's lighter pixels would
   * paint blurred text a lighter grey than its ink.
   */
  textColor: [number, number, number];
  /** 1 where the pixel is coloured ink; undefined when the page has none. */
  colorInk?: Uint8Array;
  /** The coloured ink's colours, `factor` times smaller than the page; with colorInk. */
  foreground?: RawImage;
  /** The paper without the ink, `factor` times smaller than the page. */
  background: RawImage;
  /** Each low-resolution layer is this many times smaller than the page, on both axes. */
  factor: number;
}

/** Spread between a pixel's largest and smallest channel from which it is coloured ink, not paper or JPEG noise. */
const inkChroma = 36;
/**
 * The text mask takes pixels a little lighter than the ink threshold (this share of the way to
 * white): thin strokes and diacritics keep their weight, and OCR of the record reads as well as
 * of the scan (test/record/mrc-record.test.ts).
 */
const textMargin = 0.15;
/** Fewer coloured pixels than this share of the page: no foreground layer. */
const minColourShare = 0.0002;
/**
 * The paper levels read one pixel in this many along each axis, and the threshold's histogram one
 * column in this many on one row in `histogramRowStep`. Against every pixel (paper levels) and every
 * other row (histogram), on the 55 grey and colour pages of the three corpora: 17 text masks the same,
 * 50 within 0.2% of their ink pixels, the worst (degraded pages) 0.7%; G4 bytes the same to 0.01%;
 * 40% less CPU in the split (December 2026).
 */
const sampleStep = 2;
const histogramRowStep = 4;

/**
 * Two full walks over the page with typed arrays (a 300 dpi A4 page is 8.7 million pixels): grey
 * and coloured ink; then the text mask, its colour and both low-resolution layers together. The
 * paper level and the text threshold read a sample of the pixels in between.
 */
export function splitMrcLayers(image: RawImage, dpi: number, factor: number): MrcLayers {
  const { width, height } = image;
  const { gray, colour, coloured } = greyAndColour(image);
  const blockSize = Math.max(16, Math.round(dpi / 3));
  const scales = new PaperScale(paperLevels({ data: gray, width, height }, blockSize, undefined, sampleStep), width, blockSize);
  const { limit, core } = textLimits(gray, width, height, scales);
  const hasColour = colour !== undefined && coloured >= width * height * minColourShare;
  // Coloured specks too few for a layer of their own stay in the background. The coloured ink's
  // soft edges go with it; the text's stay in the background, where the low-resolution halo
  // gives the 1-bit strokes back some of their weight.
  const colourShape = hasColour ? dilate(colour, width, height) : undefined;
  const { text, textColor, background, foreground } =
    image.channels === 1
      ? splitGrey(gray, width, height, scales, limit, core, factor)
      : splitColour(image, gray, colour!, colourShape, scales, limit, core, factor);
  if (!colourShape || !foreground) return { width, height, text, textColor, background, factor };
  return { width, height, text, textColor, colorInk: colourShape, foreground, background, factor };
}

/** The page in grey (Rec. 709 luma) and, on a colour page, 1 where a pixel is coloured ink. */
function greyAndColour(image: RawImage): { gray: Uint8Array; colour?: Uint8Array; coloured: number } {
  const px = bytesOf(image.pixels);
  if (image.channels === 1) return { gray: bytesOf(px), coloured: 0 };
  const n = image.width * image.height;
  const gray = new Uint8Array(n);
  const colour = new Uint8Array(n);
  let coloured = 0;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const r = px[p]!;
    const g = px[p + 1]!;
    const b = px[p + 2]!;
    gray[i] = (r * 6966 + g * 23436 + b * 2366 + 16384) >> 15;
    const spread = Math.max(Math.max(r, g), b) - Math.min(Math.min(r, g), b);
    // 1 when spread ≥ inkChroma, without a branch the page's noise would keep mispredicting.
    const c = (inkChroma - 1 - spread) >>> 31;
    colour[i] = c;
    coloured += c;
  }
  return { gray, colour, coloured };
}

/**
 * The text mask takes a pixel whose normalized value v (the pixel divided by the local paper level,
 * see normalizeBackground) is at most the page's Otsu threshold moved `textMargin` towards white:
 * floor(v) ≤ threshold, that is v < the limit returned; its core pixels are those within the
 * threshold itself, v < core. The normalized page is never stored: the threshold's histogram comes
 * from a sample of it.
 */
function textLimits(gray: Uint8Array, width: number, height: number, scales: PaperScale): { limit: number; core: number } {
  const hist = new Uint32Array(256);
  for (let y = 0; y < height; y += histogramRowStep) {
    scales.select(y);
    const row = y * width;
    for (let x = 0; x < width; x += sampleStep) {
      const v = gray[row + x]! * scales.at(x);
      hist[v > 255 ? 255 : v | 0]!++;
    }
  }
  const otsu = Math.min(Math.max(otsuThreshold(hist), 90), 200);
  return { limit: Math.floor(otsu + (255 - otsu) * textMargin) + 1, core: otsu + 1 };
}

/** Per row, the factor that brings each pixel's paper to white: 255 over the paper level, interpolated between blocks. */
class PaperScale {
  private readonly xa: Int32Array;
  private readonly xb: Int32Array;
  private readonly xw: Float32Array;
  private readonly blockRow: Float32Array;

  constructor(
    private readonly paper: { levels: Float32Array; columns: number; rows: number },
    width: number,
    private readonly blockSize: number,
  ) {
    const bw = paper.columns;
    this.xa = new Int32Array(width);
    this.xb = new Int32Array(width);
    this.xw = new Float32Array(width);
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) / blockSize - 0.5, 0), bw - 1);
      this.xa[x] = Math.floor(fx);
      this.xb[x] = Math.min(this.xa[x]! + 1, bw - 1);
      this.xw[x] = fx - this.xa[x]!;
    }
    this.blockRow = new Float32Array(bw);
  }

  /** Makes y the row `at` reads: its blocks' factors, interpolated between block rows. */
  select(y: number): void {
    const { levels, columns: bw, rows: bh } = this.paper;
    const fy = Math.min(Math.max((y + 0.5) / this.blockSize - 0.5, 0), bh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, bh - 1);
    const wy = fy - y0;
    const r = this.blockRow;
    for (let b = 0; b < bw; b++) r[b] = 255 / (levels[y0 * bw + b]! * (1 - wy) + levels[y1 * bw + b]! * wy);
  }

  /**
   * The factor of pixel x on the selected row, a 32-bit float. Never below 1 (no
   * paper level is above 255): a pixel lighter than a limit stays lighter once normalized, so the
   * hot loops ask only for the dark pixels' factors.
   */
  at(x: number): number {
    const w = this.xw[x]!;
    return Math.fround(this.blockRow[this.xa[x]!]! * (1 - w) + this.blockRow[this.xb[x]!]! * w);
  }
}

/** The mask grown by one pixel in each direction, so the ink's soft edges leave the background too. */
function dilate(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let i = mask.indexOf(1); i >= 0; i = mask.indexOf(1, i + 1)) {
    const y = (i / width) | 0;
    const x = i - y * width;
    for (let dy = y > 0 ? -1 : 0; dy <= (y < height - 1 ? 1 : 0); dy++) {
      const at = i + dy * width;
      out[at] = 1;
      if (x > 0) out[at - 1] = 1;
      if (x < width - 1) out[at + 1] = 1;
    }
  }
  return out;
}

interface CellSums {
  sums: Uint32Array;
  counts: Uint32Array;
}

interface SplitLayers {
  text: Uint8Array;
  textColor: [number, number, number];
  background: RawImage;
  foreground?: RawImage;
}

const cellSums = (cells: number, channels: number): CellSums => ({
  sums: new Uint32Array(cells * channels),
  counts: new Uint32Array(cells),
});

/**
 * A grey page row by row, in one walk with local typed arrays (the hot loop of the split): the
 * text mask (darker than the limit once normalized), the sum of its values, and each background
 * cell's sum and count of paper, the cell `factor` times smaller than the page.
 */
function splitGrey(
  pixels: Uint8Array,
  width: number,
  height: number,
  scales: PaperScale,
  limit: number,
  core: number,
  factor: number,
): SplitLayers {
  const text = new Uint8Array(width * height);
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const { sums, counts } = cellSums(w * h, 1);
  let inkSum = 0;
  let inkCount = 0;
  let coreSum = 0;
  let coreCount = 0;
  for (let y = 0; y < height; y++) {
    scales.select(y);
    const cellRow = ((y / factor) | 0) * w;
    const row = y * width;
    // A cell's paper is summed in locals and stored once per row: a third of the writes.
    for (let cx = 0, x = 0; cx < w; cx++) {
      const end = Math.min(x + factor, width);
      let sum = 0;
      let n = 0;
      for (; x < end; x++) {
        const v = pixels[row + x]!;
        const normalized = v <= limit ? v * scales.at(x) : limit;
        if (normalized < limit) {
          text[row + x] = 255;
          inkSum += v;
          inkCount++;
          if (normalized < core) {
            coreSum += v;
            coreCount++;
          }
        } else {
          sum += v;
          n++;
        }
      }
      counts[cellRow + cx]! += n;
      sums[cellRow + cx]! += sum;
    }
  }
  const mean = coreCount ? Math.round(coreSum / coreCount) : inkCount ? Math.round(inkSum / inkCount) : 0;
  return { text, textColor: [mean, mean, mean], background: cellMeans({ sums, counts }, w, h, 1) };
}

/**
 * A colour page row by row, as splitGrey: a pixel that is not coloured ink and is darker than the
 * limit goes to the text mask; coloured ink (its grown shape's pixels that are coloured) to the
 * foreground cells; the rest of the grown shape to neither; everything else to the background.
 */
function splitColour(
  image: RawImage,
  gray: Uint8Array,
  colour: Uint8Array,
  colourShape: Uint8Array | undefined,
  scales: PaperScale,
  limit: number,
  core: number,
  factor: number,
): SplitLayers {
  const { width, height } = image;
  const pixels = bytesOf(image.pixels);
  const text = new Uint8Array(width * height);
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const bg = cellSums(w * h, 3);
  const fg = cellSums(colourShape ? w * h : 0, 3);
  const bgSums = bg.sums;
  const bgCounts = bg.counts;
  const fgSums = fg.sums;
  const fgCounts = fg.counts;
  // Without a foreground, no pixel is kept out of the background: a shape of zeros.
  const shape = colourShape ?? new Uint8Array(0);
  const hasShape = colourShape !== undefined;
  let r = 0;
  let g = 0;
  let b = 0;
  let inkCount = 0;
  let coreR = 0;
  let coreG = 0;
  let coreB = 0;
  let coreCount = 0;
  for (let y = 0; y < height; y++) {
    scales.select(y);
    const cellRow = ((y / factor) | 0) * w;
    const row = y * width;
    for (let cx = 0, x = 0; cx < w; cx++) {
      const end = Math.min(x + factor, width);
      let bgR = 0;
      let bgG = 0;
      let bgB = 0;
      let bgN = 0;
      let fgR = 0;
      let fgG = 0;
      let fgB = 0;
      let fgN = 0;
      for (; x < end; x++) {
        const i = row + x;
        const p = i * 3;
        const coloured = colour[i]!;
        const v = gray[i]!;
        const normalized = coloured === 0 && v <= limit ? v * scales.at(x) : limit;
        if (normalized < limit) {
          text[i] = 255;
          inkCount++;
          r += pixels[p]!;
          g += pixels[p + 1]!;
          b += pixels[p + 2]!;
          if (normalized < core) {
            coreCount++;
            coreR += pixels[p]!;
            coreG += pixels[p + 1]!;
            coreB += pixels[p + 2]!;
          }
        } else if (hasShape && shape[i] === 1) {
          if (coloured === 0) continue;
          fgN++;
          fgR += pixels[p]!;
          fgG += pixels[p + 1]!;
          fgB += pixels[p + 2]!;
        } else {
          bgN++;
          bgR += pixels[p]!;
          bgG += pixels[p + 1]!;
          bgB += pixels[p + 2]!;
        }
      }
      const cell = cellRow + cx;
      const c = cell * 3;
      bgCounts[cell]! += bgN;
      bgSums[c]! += bgR;
      bgSums[c + 1]! += bgG;
      bgSums[c + 2]! += bgB;
      if (fgN === 0) continue;
      fgCounts[cell]! += fgN;
      fgSums[c]! += fgR;
      fgSums[c + 1]! += fgG;
      fgSums[c + 2]! += fgB;
    }
  }
  const mean = (sum: number, n: number) => (n ? Math.round(sum / n) : 0);
  return {
    text,
    textColor: coreCount
      ? [mean(coreR, coreCount), mean(coreG, coreCount), mean(coreB, coreCount)]
      : [mean(r, inkCount), mean(g, inkCount), mean(b, inkCount)],
    background: cellMeans(bg, w, h, 3),
    foreground: colourShape ? cellMeans(fg, w, h, 3) : undefined,
  };
}

/** A Buffer's bytes as a plain Uint8Array, so the hot loops see one kind of array. */
function bytesOf(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

function cellMeans(layer: CellSums, w: number, h: number, channels: 1 | 3): RawImage {
  const { sums, counts } = layer;
  const out = Buffer.alloc(w * h * channels);
  const filled = new Uint8Array(w * h);
  for (let cell = 0; cell < w * h; cell++) {
    if (!counts[cell]) continue;
    filled[cell] = 1;
    for (let c = 0; c < channels; c++) out[cell * channels + c] = Math.round(sums[cell * channels + c]! / counts[cell]!);
  }
  fillGaps(out, filled, w, h, channels);
  return { pixels: out, width: w, height: h, channels };
}

/**
 * Empty cells take a filled neighbour's value: along each row from the left and then from the
 * right, rows with nothing from the row above; the page's mean colour where nothing is near.
 */
function fillGaps(out: Buffer, filled: Uint8Array, w: number, h: number, channels: number): void {
  const copy =
    channels === 1
      ? (to: number, from: number) => {
          out[to] = out[from]!;
        }
      : (to: number, from: number) => {
          const t = to * 3;
          const f = from * 3;
          out[t] = out[f]!;
          out[t + 1] = out[f + 1]!;
          out[t + 2] = out[f + 2]!;
        };
  const rowBytes = w * channels;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const found = filled.subarray(row, row + w).indexOf(1);
    const first = row + found;
    if (found < 0) {
      if (y > 0) out.copyWithin(row * channels, (row - w) * channels, row * channels);
      else fillWithMean(out, filled, rowBytes, channels);
      continue;
    }
    for (let x = row; x < first; x++) copy(x, first);
    let last = first;
    for (let x = first + 1; x < row + w; x++) {
      if (filled[x] === 1) last = x;
      else copy(x, last);
    }
  }
}

/** The first row of a layer whose top row has no filled cell: the mean of all filled cells, white when none. */
function fillWithMean(out: Buffer, filled: Uint8Array, rowBytes: number, channels: number): void {
  const mean = new Float64Array(channels);
  let n = 0;
  for (let cell = filled.indexOf(1); cell >= 0; cell = filled.indexOf(1, cell + 1)) {
    n++;
    for (let c = 0; c < channels; c++) mean[c]! += out[cell * channels + c]!;
  }
  for (let i = 0; i < rowBytes; i++) out[i] = n ? Math.round(mean[i % channels]! / n) : 255;
}

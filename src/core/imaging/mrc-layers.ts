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
  /** The colour the text mask is painted with: the mean of its pixels. */
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
/** The threshold's histogram reads one row in this many: on the corpus it comes out the same as from every row. */
const histogramRowStep = 2;

/**
 * Three walks over the page with typed arrays (a 300 dpi A4 page is 8.7 million pixels): grey and
 * coloured ink; the paper level and the text threshold; then the text mask, its colour and both
 * low-resolution layers together.
 */
export function splitMrcLayers(image: RawImage, dpi: number, factor: number): MrcLayers {
  const { width, height } = image;
  const { gray, colour, coloured } = greyAndColour(image);
  const blockSize = Math.max(16, Math.round(dpi / 3));
  const scales = new PaperScale(paperLevels({ data: gray, width, height }, blockSize), width, blockSize);
  const limit = textLimit(gray, width, height, scales);
  const hasColour = colour !== undefined && coloured >= width * height * minColourShare;
  // Coloured specks too few for a layer of their own stay in the background. The coloured ink's
  // soft edges go with it; the text's stay in the background, where the low-resolution halo
  // gives the 1-bit strokes back some of their weight.
  const colourShape = hasColour ? dilate(colour, width, height) : undefined;
  const split = new LayerSplit(image, factor, limit, colour, hasColour ? colourShape : undefined);
  for (let y = 0; y < height; y++) split.row(y, gray, scales.row(y));
  const { text, textColor, background, foreground } = split.finish();
  if (!colourShape || !foreground) return { width, height, text, textColor, background, factor };
  return { width, height, text, textColor, colorInk: colourShape, foreground, background, factor };
}

/** The page in grey (Rec. 709 luma) and, on a colour page, 1 where a pixel is coloured ink. */
function greyAndColour(image: RawImage): { gray: Uint8Array; colour?: Uint8Array; coloured: number } {
  const px = image.pixels;
  if (image.channels === 1) return { gray: new Uint8Array(px.buffer, px.byteOffset, px.length), coloured: 0 };
  const n = image.width * image.height;
  const gray = new Uint8Array(n);
  const colour = new Uint8Array(n);
  let coloured = 0;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const r = px[p]!;
    const g = px[p + 1]!;
    const b = px[p + 2]!;
    gray[i] = (r * 6966 + g * 23436 + b * 2366 + 16384) >> 15;
    const hi = r > g ? (r > b ? r : b) : g > b ? g : b;
    const lo = r < g ? (r < b ? r : b) : g < b ? g : b;
    if (hi - lo >= inkChroma) {
      colour[i] = 1;
      coloured++;
    }
  }
  return { gray, colour, coloured };
}

/**
 * The text mask takes a pixel whose normalized value v (the pixel divided by the local paper level,
 * see normalizeBackground) is at most the page's Otsu threshold moved `textMargin` towards white:
 * floor(v) ≤ threshold, that is v < the limit returned. The normalized page is never stored: the
 * threshold's histogram comes from every other row.
 */
function textLimit(gray: Uint8Array, width: number, height: number, scales: PaperScale): number {
  const hist = new Uint32Array(256);
  for (let y = 0; y < height; y += histogramRowStep) {
    const s = scales.row(y);
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = gray[row + x]! * s[x]!;
      hist[v > 255 ? 255 : v | 0]!++;
    }
  }
  const otsu = Math.min(Math.max(otsuThreshold(hist), 90), 200);
  return Math.floor(otsu + (255 - otsu) * textMargin) + 1;
}

/** Per row, the factor that brings each pixel's paper to white: 255 over the paper level, interpolated between blocks. */
class PaperScale {
  private readonly xa: Int32Array;
  private readonly xb: Int32Array;
  private readonly xw: Float32Array;
  private readonly blockRow: Float32Array;
  private readonly out: Float32Array;

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
    this.out = new Float32Array(width);
  }

  row(y: number): Float32Array {
    const { levels, columns: bw, rows: bh } = this.paper;
    const fy = Math.min(Math.max((y + 0.5) / this.blockSize - 0.5, 0), bh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, bh - 1);
    const wy = fy - y0;
    const r = this.blockRow;
    for (let b = 0; b < bw; b++) r[b] = 255 / (levels[y0 * bw + b]! * (1 - wy) + levels[y1 * bw + b]! * wy);
    const { xa, xb, xw, out } = this;
    for (let x = 0; x < out.length; x++) {
      const w = xw[x]!;
      out[x] = r[xa[x]!]! * (1 - w) + r[xb[x]!]! * w;
    }
    return out;
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

/**
 * Row by row: the text mask (not coloured ink, darker than the limit once normalized), the sum
 * of its colours, and the low-resolution layers, `factor` times smaller: each background cell the
 * mean of its paper (neither text nor coloured ink, grown), each foreground cell the mean of its
 * coloured ink. Cells with none take a neighbour's value (fillGaps), so each layer stays smooth
 * and compresses well.
 */
class LayerSplit {
  readonly text: Uint8Array;
  private readonly textSum = [0, 0, 0];
  private textCount = 0;
  private readonly w: number;
  private readonly h: number;
  private readonly cellOfX: Int32Array;
  private readonly bg: CellSums;
  private readonly fg?: CellSums;

  constructor(
    private readonly image: RawImage,
    private readonly factor: number,
    private readonly limit: number,
    private readonly colour: Uint8Array | undefined,
    private readonly colourShape: Uint8Array | undefined,
  ) {
    const { width, height, channels } = image;
    this.text = new Uint8Array(width * height);
    this.w = Math.ceil(width / factor);
    this.h = Math.ceil(height / factor);
    const cells = () => ({ sums: new Uint32Array(this.w * this.h * channels), counts: new Uint32Array(this.w * this.h) });
    this.bg = cells();
    if (colourShape) this.fg = cells();
    this.cellOfX = new Int32Array(width);
    for (let x = 0; x < width; x++) this.cellOfX[x] = (x / factor) | 0;
  }

  row(y: number, gray: Uint8Array, scale: Float32Array): void {
    const { text, limit, colour, colourShape, cellOfX, fg, image } = this;
    const { width, pixels } = image;
    const cellRow = ((y / this.factor) | 0) * this.w;
    const row = y * width;
    const { sums, counts } = this.bg;
    if (image.channels === 1) {
      let inkSum = 0;
      for (let x = 0; x < width; x++) {
        const i = row + x;
        const v = pixels[i]!;
        if (v * scale[x]! < limit) {
          text[i] = 255;
          inkSum += v;
          this.textCount++;
        } else {
          const cell = cellRow + cellOfX[x]!;
          counts[cell]!++;
          sums[cell]! += v;
        }
      }
      this.textSum[0]! += inkSum;
      return;
    }
    const t = this.textSum;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const p = i * 3;
      let layer: CellSums | undefined = this.bg;
      if (colour![i] === 0 && gray[i]! * scale[x]! < limit) {
        text[i] = 255;
        this.textCount++;
        t[0]! += pixels[p]!;
        t[1]! += pixels[p + 1]!;
        t[2]! += pixels[p + 2]!;
        continue;
      }
      if (colourShape && colourShape[i] === 1) layer = colour![i] === 1 ? fg : undefined;
      if (!layer) continue;
      const cell = cellRow + cellOfX[x]!;
      const c = cell * 3;
      layer.counts[cell]!++;
      layer.sums[c]! += pixels[p]!;
      layer.sums[c + 1]! += pixels[p + 1]!;
      layer.sums[c + 2]! += pixels[p + 2]!;
    }
  }

  finish(): { text: Uint8Array; textColor: [number, number, number]; background: RawImage; foreground?: RawImage } {
    const { w, h, textCount, textSum } = this;
    const { channels } = this.image;
    const mean = (s: number) => (textCount ? Math.round(s / textCount) : 0);
    const textColor: [number, number, number] =
      channels === 1
        ? [mean(textSum[0]!), mean(textSum[0]!), mean(textSum[0]!)]
        : [mean(textSum[0]!), mean(textSum[1]!), mean(textSum[2]!)];
    return {
      text: this.text,
      textColor,
      background: cellMeans(this.bg, w, h, channels),
      foreground: this.fg ? cellMeans(this.fg, w, h, channels) : undefined,
    };
  }
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

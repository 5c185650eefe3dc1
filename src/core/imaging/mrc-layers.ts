import { toGrayRaw } from './color-mode';
import { inkThreshold, normalizeBackground } from './ink-mask';
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
  /** 1 where the pixel is dark neutral ink (text, rules). */
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

export function splitMrcLayers(image: RawImage, dpi: number, factor: number): MrcLayers {
  const { width, height } = image;
  const gray = toGrayRaw(image);
  const raster = { data: new Uint8Array(gray.pixels.buffer, gray.pixels.byteOffset, gray.pixels.length), width, height };
  const normalized = normalizeBackground(raster, Math.max(16, Math.round(dpi / 3)));
  const otsu = inkThreshold(normalized);
  const threshold = otsu + (255 - otsu) * textMargin;
  const text = new Uint8Array(width * height);
  const colorInk = new Uint8Array(width * height);
  let coloured = 0;
  let sumR = 0;
  let sumG = 0;
  let sumB = 0;
  let textCount = 0;
  const px = image.pixels;
  const norm = normalized.data;
  if (image.channels === 3) {
    for (let i = 0, p = 0; i < text.length; i++, p += 3) {
      const r = px[p]!;
      const g = px[p + 1]!;
      const b = px[p + 2]!;
      const hi = r > g ? (r > b ? r : b) : g > b ? g : b;
      const lo = r < g ? (r < b ? r : b) : g < b ? g : b;
      if (hi - lo >= inkChroma) {
        colorInk[i] = 1;
        coloured++;
      } else if (norm[i]! <= threshold) {
        text[i] = 1;
        textCount++;
        sumR += r;
        sumG += g;
        sumB += b;
      }
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      if (norm[i]! > threshold) continue;
      text[i] = 1;
      textCount++;
      sumR += px[i]!;
    }
    sumG = sumR;
    sumB = sumR;
  }
  const mean = (s: number) => (textCount ? Math.round(s / textCount) : 0);
  const textColor: [number, number, number] = [mean(sumR), mean(sumG), mean(sumB)];
  const hasColour = coloured >= text.length * minColourShare;
  if (!hasColour) {
    // Coloured specks too few for a layer of their own stay in the background.
    return { width, height, text, textColor, background: maskedShrink(image, text, factor, false), factor };
  }
  // The coloured ink's soft edges go with it; the text's stay in the background, where the
  // low-resolution halo gives the 1-bit strokes back some of their weight.
  const colourShape = dilate(colorInk, width, height);
  const inked = new Uint8Array(text.length);
  for (let i = 0; i < inked.length; i++) inked[i] = text[i]! | colourShape[i]!;
  const background = maskedShrink(image, inked, factor, false);
  const foreground = maskedShrink(image, colorInk, factor, true);
  return { width, height, text, textColor, colorInk: colourShape, foreground, background, factor };
}

/** The mask grown by one pixel in each direction, so the ink's soft edges leave the background too. */
function dilate(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (!mask[row + x]) continue;
      for (let dy = y > 0 ? -1 : 0; dy <= (y < height - 1 ? 1 : 0); dy++) {
        const r = row + dy * width;
        out[r + x] = 1;
        if (x > 0) out[r + x - 1] = 1;
        if (x < width - 1) out[r + x + 1] = 1;
      }
    }
  }
  return out;
}

/**
 * The image shrunk by `factor`, each cell the mean of its pixels where `mask` is `keep` (1 for
 * the foreground's ink, 0 for the background's paper); cells with none such take the value of
 * the nearest filled cell on their row or above, so the layer stays smooth and compresses well.
 */
function maskedShrink(image: RawImage, mask: Uint8Array, factor: number, keep: boolean): RawImage {
  const { width, height, channels, pixels } = image;
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const sums = new Float64Array(w * h * channels);
  const counts = new Uint32Array(w * h);
  const wanted = keep ? 1 : 0;
  const cellOfX = new Int32Array(width);
  for (let x = 0; x < width; x++) cellOfX[x] = Math.floor(x / factor);
  for (let y = 0; y < height; y++) {
    const cy = Math.floor(y / factor) * w;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (mask[i] !== wanted) continue;
      const cell = cy + cellOfX[x]!;
      counts[cell]!++;
      if (channels === 1) sums[cell]! += pixels[i]!;
      else {
        const c = cell * 3;
        const p = i * 3;
        sums[c]! += pixels[p]!;
        sums[c + 1]! += pixels[p + 1]!;
        sums[c + 2]! += pixels[p + 2]!;
      }
    }
  }
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
  const copy = (to: number, from: number) => {
    for (let c = 0; c < channels; c++) out[to * channels + c] = out[from * channels + c]!;
  };
  const mean = new Float64Array(channels);
  let n = 0;
  for (let cell = 0; cell < w * h; cell++) {
    if (!filled[cell]) continue;
    n++;
    for (let c = 0; c < channels; c++) mean[c]! += out[cell * channels + c]!;
  }
  for (let c = 0; c < channels; c++) mean[c] = n ? mean[c]! / n : 255;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (filled[row + x] === 1) last = row + x;
      else if (last >= 0) copy(row + x, last);
    }
    const first = filled.subarray(row, row + w).indexOf(1);
    if (first > 0) for (let x = 0; x < first; x++) copy(row + x, row + first);
    if (first < 0) {
      for (let x = 0; x < w; x++) {
        if (y > 0) copy(row + x, row - w + x);
        else for (let c = 0; c < channels; c++) out[(row + x) * channels + c] = Math.round(mean[c]!);
      }
    }
  }
}

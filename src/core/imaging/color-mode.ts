import type { RawImage } from './raster';
import type { ColorMode } from './page-types';

/** Share of pixels that must show colour for a page to count as colour (a seal, a signature). */
const colourShare = 0.0005;
/** Spread between the largest and smallest channel that counts as colour, not JPEG noise. */
const chromaMin = 24;
/** A grey page with fewer mid-tones than this share of its ink is a bilevel (black and white) scan. */
const midtoneShareForBw = 0.02;

export function detectColorMode(image: RawImage): ColorMode {
  if (image.channels === 3 && hasColour(image)) return 'color';
  return isBilevel(image) ? 'bw' : 'gray';
}

function hasColour(image: RawImage): boolean {
  const p = image.pixels;
  const pixels = image.width * image.height;
  const step = pixels > 4_000_000 ? 2 : 1;
  let coloured = 0;
  let seen = 0;
  for (let i = 0; i < pixels; i += step) {
    const r = p[i * 3]!;
    const g = p[i * 3 + 1]!;
    const b = p[i * 3 + 2]!;
    const spread = Math.max(r, g, b) - Math.min(r, g, b);
    if (spread > chromaMin) coloured++;
    seen++;
  }
  return coloured > seen * colourShare;
}

function isBilevel(image: RawImage): boolean {
  const p = image.pixels;
  const stride = image.channels;
  let dark = 0;
  let mid = 0;
  for (let i = 0; i < p.length; i += stride) {
    const v = p[i]!;
    if (v < 48) dark++;
    else if (v < 208) mid++;
  }
  return mid <= (dark + mid) * midtoneShareForBw;
}

/** Keep only one channel when a 3-channel image carries no colour. */
export function toGrayRaw(image: RawImage): RawImage {
  if (image.channels === 1) return image;
  const pixels = image.width * image.height;
  const out = Buffer.allocUnsafe(pixels);
  const p = image.pixels;
  for (let i = 0; i < pixels; i++) out[i] = Math.round(0.2126 * p[i * 3]! + 0.7152 * p[i * 3 + 1]! + 0.0722 * p[i * 3 + 2]!);
  return { pixels: out, width: image.width, height: image.height, channels: 1 };
}

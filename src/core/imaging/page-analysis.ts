import { borderMask } from './border-mask';
import { inkMask, inkThreshold, normalizeBackground, histogram } from './ink-mask';
import { inkPoints, type InkPoints } from './ink-points';
import type { Box } from './page-types';
import { analysisScale, grayForAnalysis, rawFromSharp, sharpFromRaw, type GrayRaster, type RawImage } from './raster';

/** Resolution the analysis stages work at: enough for text lines, cheap to scan. */
export const analysisDpi = 150;

/** A downscaled, binarized look at a page, shared by the analysis stages so it is made once. */
export interface PageAnalysis {
  /** Analysis pixels per full-resolution pixel. */
  scale: number;
  gray: GrayRaster;
  /** Grey with uneven lighting evened out (paper ≈ 255). */
  normalized: GrayRaster;
  /** 1 where ink, outside the scanner border. */
  ink: Uint8Array;
  /** Grey level (in `normalized`) at or under which a pixel is ink. */
  inkThreshold: number;
  /** 1 where the scanner lid/bed shows around the page. */
  border: Uint8Array;
  /** Typical paper grey level in the original. */
  paperLevel: number;
}

export async function analyzePage(image: RawImage, dpi: number): Promise<PageAnalysis> {
  const scale = analysisScale(dpi, analysisDpi);
  const gray = await grayForAnalysis(image, scale);
  return analyzeGray(gray, scale);
}

export function analyzeGray(gray: GrayRaster, scale: number): PageAnalysis {
  const paperLevel = percentileOf(histogram(gray.data), 0.9);
  const border = borderMask(gray, paperLevel * 0.5, 3);
  const normalized = normalizeBackground(gray, Math.round(analysisDpi / 3));
  const threshold = inkThreshold(normalized);
  const ink = inkMask(normalized, threshold);
  for (let i = 0; i < ink.length; i++) if (border[i]) ink[i] = 0;
  return { scale, gray, normalized, ink, inkThreshold: threshold, border, paperLevel };
}

export function analysisInkPoints(analysis: PageAnalysis): InkPoints {
  return inkPoints(analysis.ink, analysis.gray.width, analysis.gray.height, 2);
}

export function percentileOf(hist: Uint32Array, q: number): number {
  let total = 0;
  for (let v = 0; v < 256; v++) total += hist[v]!;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= total * q) return v;
  }
  return 255;
}

/**
 * The analysis of the page after it is turned clockwise by `degrees` (as turnPage does at full
 * resolution), made by turning the small analysis rasters rather than analysing again: the grey
 * and the lighting-evened grey are turned, the ink is thresholded anew, and the
 * scanner border is searched again only on a page that had one (docs/OCR.md, fourth round).
 */
export async function turnedAnalysis(analysis: PageAnalysis, degrees: number): Promise<PageAnalysis> {
  const level = analysis.paperLevel;
  const [gray, normalized] = await Promise.all([turnRaster(analysis.gray, degrees, level), turnRaster(analysis.normalized, degrees, 255)]);
  const border = analysis.border.includes(1) ? borderMask(gray, level * 0.5, 3) : new Uint8Array(gray.data.length);
  const threshold = inkThreshold(normalized);
  const ink = inkMask(normalized, threshold);
  for (let i = 0; i < ink.length; i++) if (border[i]) ink[i] = 0;
  return { scale: analysis.scale, gray, normalized, ink, inkThreshold: threshold, border, paperLevel: level };
}

/** `raster` turned clockwise by `degrees` around its centre, keeping its size (a quarter turn swaps the sides). */
async function turnRaster(raster: GrayRaster, degrees: number, fill: number): Promise<GrayRaster> {
  const quarter = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  const swap = quarter === 90 || quarter === 270;
  const width = swap ? raster.height : raster.width;
  const height = swap ? raster.width : raster.height;
  const turned = await rawFromSharp(sharpFromRaw(rawOf(raster)).rotate(degrees, { background: { r: fill, g: fill, b: fill } }), 1);
  const left = Math.max(0, Math.floor((turned.width - width) / 2));
  const top = Math.max(0, Math.floor((turned.height - height) / 2));
  return subRaster(turned, { left, top, width: Math.min(width, turned.width), height: Math.min(height, turned.height) });
}

/**
 * The analysis of the region `box` (in analysis pixels) of the page: the same rasters and masks cut
 * to the box; only the paper level is measured again, without the border that was cut away.
 */
export function croppedAnalysis(analysis: PageAnalysis, box: Box): PageAnalysis {
  const gray = subRaster(rawOf(analysis.gray), box);
  return {
    scale: analysis.scale,
    gray,
    normalized: subRaster(rawOf(analysis.normalized), box),
    ink: subRaster(rawOf({ ...analysis.gray, data: analysis.ink }), box).data,
    inkThreshold: analysis.inkThreshold,
    border: subRaster(rawOf({ ...analysis.gray, data: analysis.border }), box).data,
    paperLevel: percentileOf(histogram(gray.data), 0.9),
  };
}

function rawOf(raster: GrayRaster): RawImage {
  return {
    pixels: Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.length),
    width: raster.width,
    height: raster.height,
    channels: 1,
  };
}

function subRaster(image: RawImage, box: Box): GrayRaster {
  const data = new Uint8Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = (box.top + y) * image.width + box.left;
    data.set(image.pixels.subarray(from, from + box.width), y * box.width);
  }
  return { data, width: box.width, height: box.height };
}

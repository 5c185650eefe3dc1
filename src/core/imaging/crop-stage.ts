import { analyzePage, type PageAnalysis } from './page-analysis';
import type { Box } from './page-types';
import { rawFromSharp, sharpFromRaw, type RawImage } from './raster';

export interface CropInput {
  image: RawImage;
  dpi: number;
  /** Analysis of `image` as it stands (after any turn); made here when absent. */
  analysis?: PageAnalysis;
}

export interface CropResult {
  image: RawImage;
  /** The kept region in the input's pixels, or null when there was no dark border. */
  box: Box | null;
  /** The same region in the analysis image's pixels. */
  analysisBox: Box | null;
}

/** Border thinner than this share of the side is not worth a crop. */
const minBorderShare = 0.003;

/** Cuts away the dark scanner lid/bed showing around a page that is smaller than the scan. */
export async function cropBordersStage(input: CropInput): Promise<CropResult> {
  const analysis = input.analysis ?? (await analyzePage(input.image, input.dpi));
  const found = borderBox(analysis);
  if (!found) return { image: input.image, box: null, analysisBox: null };
  const s = analysis.scale;
  const left = Math.min(input.image.width - 1, Math.ceil(found.left / s));
  const top = Math.min(input.image.height - 1, Math.ceil(found.top / s));
  const right = Math.max(left + 1, Math.floor((found.left + found.width) / s));
  const bottom = Math.max(top + 1, Math.floor((found.top + found.height) / s));
  const box = { left, top, width: Math.min(right, input.image.width) - left, height: Math.min(bottom, input.image.height) - top };
  const image = await rawFromSharp(sharpFromRaw(input.image).extract(box), input.image.channels);
  return { image, box, analysisBox: found };
}

/** The page region inside the border, in analysis pixels, or null when there is no border. */
export function borderBox(analysis: PageAnalysis): Box | null {
  const { width, height } = analysis.gray;
  const border = analysis.border;
  const rowFull = (y: number) => {
    let n = 0;
    for (let x = 0; x < width; x++) n += border[y * width + x]!;
    return n > width * 0.5;
  };
  const colFull = (x: number) => {
    let n = 0;
    for (let y = 0; y < height; y++) n += border[y * width + x]!;
    return n > height * 0.5;
  };
  let top = 0;
  while (top < height && rowFull(top)) top++;
  let bottom = height;
  while (bottom > top && rowFull(bottom - 1)) bottom--;
  let left = 0;
  while (left < width && colFull(left)) left++;
  let right = width;
  while (right > left && colFull(right - 1)) right--;
  if (right - left < width * 0.3 || bottom - top < height * 0.3) return null;
  // Runs of border reaching in from each side, measured across the page's extent.
  const leftRuns: number[] = [];
  const rightRuns: number[] = [];
  for (let y = top; y < bottom; y++) {
    let a = left;
    while (a < right && border[y * width + a]) a++;
    let b = right;
    while (b > a && border[y * width + b - 1]) b--;
    leftRuns.push(a);
    rightRuns.push(b);
  }
  const topRuns: number[] = [];
  const bottomRuns: number[] = [];
  for (let x = left; x < right; x++) {
    let a = top;
    while (a < bottom && border[a * width + x]) a++;
    let b = bottom;
    while (b > a && border[(b - 1) * width + x]) b--;
    topRuns.push(a);
    bottomRuns.push(b);
  }
  const x0 = quantile(leftRuns, 0.97);
  const x1 = quantile(rightRuns, 0.03);
  const y0 = quantile(topRuns, 0.97);
  const y1 = quantile(bottomRuns, 0.03);
  const trim = (v: number, edge: number, size: number) => (Math.abs(v - edge) < size * minBorderShare ? edge : v);
  const box = {
    left: trim(x0, 0, width),
    top: trim(y0, 0, height),
    width: 0,
    height: 0,
  };
  const r = trim(x1, width, width);
  const b = trim(y1, height, height);
  box.width = r - box.left;
  box.height = b - box.top;
  if (box.left === 0 && box.top === 0 && r === width && b === height) return null;
  if (box.width < width * 0.3 || box.height < height * 0.3) return null;
  return box;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

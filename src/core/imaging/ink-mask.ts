import type { GrayRaster } from './raster';

/**
 * Evens out uneven lighting: each pixel is divided by the local paper level, estimated
 * as a high percentile of blocks of `blockSize` pixels and interpolated between blocks.
 * Large uniform dark areas (a scanner-lid border) come out near white, text stays dark.
 */
export function normalizeBackground(gray: GrayRaster, blockSize: number, percentile = 0.9): GrayRaster {
  const { width, height, data } = gray;
  const { levels: level, columns: bw, rows: bh } = paperLevels(gray, blockSize, percentile);
  const xa = new Int32Array(width);
  const xb = new Int32Array(width);
  const xw = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(Math.max((x + 0.5) / blockSize - 0.5, 0), bw - 1);
    xa[x] = Math.floor(fx);
    xb[x] = Math.min(xa[x]! + 1, bw - 1);
    xw[x] = fx - xa[x]!;
  }
  const rowLevel = new Float32Array(bw);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) / blockSize - 0.5, 0), bh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, bh - 1);
    const wy = fy - y0;
    for (let b = 0; b < bw; b++) rowLevel[b] = 255 / (level[y0 * bw + b]! * (1 - wy) + level[y1 * bw + b]! * wy);
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const w = xw[x]!;
      const v = data[row + x]! * (rowLevel[xa[x]!]! * (1 - w) + rowLevel[xb[x]!]! * w);
      out[row + x] = v > 255 ? 255 : v;
    }
  }
  return { data: out, width, height };
}

export function histogram(data: Uint8Array): Uint32Array {
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  return hist;
}

/** Otsu's threshold: the grey level that best separates ink from paper. Pixels ≤ it are ink. */
export function otsuThreshold(hist: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sum += v * hist[v]!;
  }
  let weightBack = 0;
  let sumBack = 0;
  let best = 0;
  let threshold = 127;
  for (let v = 0; v < 256; v++) {
    weightBack += hist[v]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += v * hist[v]!;
    const meanBack = sumBack / weightBack;
    const meanFore = (sum - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

/** Ink threshold for a background-normalized page: Otsu, kept within sane bounds for paper pages. */
export function inkThreshold(normalized: GrayRaster): number {
  return Math.min(Math.max(otsuThreshold(histogram(normalized.data)), 90), 200);
}

/** 1 where the pixel is ink. */
export function inkMask(normalized: GrayRaster, threshold: number): Uint8Array {
  const mask = new Uint8Array(normalized.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = normalized.data[i]! <= threshold ? 1 : 0;
  return mask;
}

/**
 * The paper level of each block of `blockSize` pixels: its `percentile` grey value, at least 24;
 * from one pixel in `step` along each axis.
 */
export function paperLevels(
  gray: GrayRaster,
  blockSize: number,
  percentile = 0.9,
  step = 1,
): { levels: Float32Array; columns: number; rows: number } {
  const { width, height, data } = gray;
  const bw = Math.max(1, Math.ceil(width / blockSize));
  const bh = Math.max(1, Math.ceil(height / blockSize));
  const level = new Float32Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      const x0 = bx * blockSize;
      const y0 = by * blockSize;
      const x1 = Math.min(width, x0 + blockSize);
      const y1 = Math.min(height, y0 + blockSize);
      for (let y = y0; y < y1; y += step) {
        const row = y * width;
        for (let x = x0; x < x1; x += step) hist[data[row + x]!]!++;
      }
      const target = Math.ceil((x1 - x0) / step) * Math.ceil((y1 - y0) / step) * percentile;
      let seen = 0;
      let v = 0;
      for (; v < 255; v++) {
        seen += hist[v]!;
        if (seen >= target) break;
      }
      level[by * bw + bx] = Math.max(v, 24);
    }
  }
  return { levels: level, columns: bw, rows: bh };
}

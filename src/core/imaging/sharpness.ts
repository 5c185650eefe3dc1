import type { PageAnalysis } from './page-analysis';

/**
 * Edge sharpness: RMS of the Laplacian over the page, per unit of ink and of contrast, on
 * the background-evened analysis image. Blur spreads each edge, and the figure drops.
 */
export function edgeSharpness(analysis: PageAnalysis): number {
  const { data, width, height } = analysis.normalized;
  const ink = analysis.ink;
  let sum = 0;
  let inkCount = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (ink[i]) inkCount++;
      if (analysis.border[i]) continue;
      const l = 4 * data[i]! - data[i - 1]! - data[i + 1]! - data[i - width]! - data[i + width]!;
      sum += l * l;
    }
  }
  if (inkCount === 0) return 0;
  return Math.sqrt(sum / inkCount) / 255;
}

import { connectedComponents } from './components';
import { inkMask } from './ink-mask';
import { analysisDpi, type PageAnalysis } from './page-analysis';

export type Edge = 'top' | 'right' | 'bottom' | 'left';

/** Character-sized marks touching an edge: a sign the page's content runs off it. */
export function marksTouchingEdges(analysis: PageAnalysis): Record<Edge, number> {
  const { width, height } = analysis.normalized;
  const mm = analysisDpi / 25.4;
  const band = Math.round(mm * 5);
  const all = inkMask(analysis.normalized, analysis.inkThreshold);
  const mask = new Uint8Array(all.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x < band || y < band || x >= width - band || y >= height - band) mask[y * width + x] = all[y * width + x]!;
    }
  }
  const counts: Record<Edge, number> = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const c of connectedComponents(mask, width, height)) {
    if (c.area < mm * mm * 0.8 || Math.max(c.width, c.height) < mm * 1.2) continue;
    if (c.left === 0 && c.height < height * 0.1) counts.left++;
    if (c.left + c.width === width && c.height < height * 0.1) counts.right++;
    if (c.top === 0 && c.width < width * 0.1) counts.top++;
    if (c.top + c.height === height && c.width < width * 0.1) counts.bottom++;
  }
  return counts;
}

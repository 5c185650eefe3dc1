import type { Metadata } from 'sharp';

const a4WidthInches = 210 / 25.4;
const commonDpis = [100, 150, 200, 240, 300, 400, 600, 1200];

/**
 * The resolution the file states, or undefined when it states none. libvips reports 72 for
 * a JPEG whose JFIF header gives only an aspect ratio, so a JPEG counts only with a unit.
 */
export function statedDpi(meta: Metadata): number | undefined {
  const density = meta.density;
  if (!density || !Number.isFinite(density) || density <= 1) return undefined;
  if (meta.format === 'jpeg' && !meta.resolutionUnit) return undefined;
  return Math.round(density);
}

/** Resolution guessed from the pixel size, taking the short side as an A4 width; snapped to a usual scanner setting. */
export function assumedDpi(width: number, height: number): number {
  const raw = Math.min(width, height) / a4WidthInches;
  const near = commonDpis.find((d) => Math.abs(raw - d) / d < 0.06);
  return near ?? Math.round(raw);
}

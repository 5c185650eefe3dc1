/**
 * Below this resolution a page is read with tesseract's noise removal on. The clean-up hands OCR
 * pages at their scan's own dpi; the low-resolution ones are the degraded scans (200 dpi JPEG, noise,
 * blur), where removing small outlines during layout analysis pays, while at 300 dpi it only costs
 * CPU and misreads diacritics as noise (docs/OCR.md, fourth round).
 */
export const NOISE_REMOVAL_BELOW_DPI = 250;

/** Tesseract parameters that depend on the page, set before it is read. */
export function pageParameters(page: { dpi: number | null }): Record<string, string> {
  const lowResolution = page.dpi !== null && page.dpi < NOISE_REMOVAL_BELOW_DPI;
  return { enable_noise_removal: lowResolution ? '1' : '0' };
}

/**
 * Width in pixels of the screen-size preview the engine keeps of each cleaned page, for the desk's
 * viewer at the zooms a clerk reads a whole page at (an A4 page at 300 dpi is 2480 px wide: the
 * preview stands for it up to about 40 %). Small enough that the browser decodes it in a few tens
 * of milliseconds, where the whole page takes a quarter of a second.
 */
export const PAGE_PREVIEW_WIDTH = 1000;

/** Whether the preview is sharp enough for a page `pageWidth` px wide shown at `zoom` % on a screen of `pixelRatio` device pixels per CSS pixel. */
export const previewIsSharpEnough = (pageWidth: number, zoom: number, pixelRatio: number) =>
  (pageWidth * zoom * pixelRatio) / 100 <= PAGE_PREVIEW_WIDTH * 1.1;

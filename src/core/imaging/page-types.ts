import type { RawImage } from './raster';

export type ColorMode = 'color' | 'gray' | 'bw';

/** A clockwise quarter turn, in degrees. */
export type QuarterTurn = 0 | 90 | 180 | 270;

/** A page decoded, upright as the file says (EXIF), with its physical resolution and colour. */
export interface NormalizedPage {
  image: RawImage;
  dpi: number;
  /** True when the file held no resolution and `dpi` was guessed from an A4 page width. */
  dpiAssumed: boolean;
  colorMode: ColorMode;
  /** Format sharp decoded (jpeg, png, tiff, …). */
  sourceFormat: string;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

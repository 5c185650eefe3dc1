import { rawFromSharp, sharpFromRaw, type RawImage } from './raster';

/** Removes isolated specks (dust, sensor noise) with a 3×3 median filter. Optional: it also softens fine strokes a little. */
export async function despeckleStage(image: RawImage): Promise<RawImage> {
  return rawFromSharp(sharpFromRaw(image).median(3), image.channels);
}

import sharp from 'sharp';
import { PAGE_PREVIEW_WIDTH } from '../../shared/page-preview';
import { sharpFromRaw, type RawImage } from './raster';

export interface PreviewImage {
  jpeg: Buffer;
  width: number;
  height: number;
}

async function scaledJpeg(image: RawImage, width: number, quality: number): Promise<PreviewImage> {
  const { data, info } = await sharpFromRaw(image)
    .resize({ width, withoutEnlargement: true })
    .jpeg({ quality, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height };
}

/** Small JPEG for lists and page strips. */
export function thumbnailStage(image: RawImage, width = 200): Promise<PreviewImage> {
  return scaledJpeg(image, width, 75);
}

/** Screen-sized JPEG for the desk's viewer. */
export function previewStage(image: RawImage, width = PAGE_PREVIEW_WIDTH): Promise<PreviewImage> {
  return scaledJpeg(image, width, 82);
}

/** The viewer's preview of a page already cleaned and stored (pages cleaned before previews were kept). */
export async function previewOfStoredImage(bytes: Buffer, width = PAGE_PREVIEW_WIDTH): Promise<Buffer> {
  return sharp(bytes).resize({ width, withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: false }).toBuffer();
}

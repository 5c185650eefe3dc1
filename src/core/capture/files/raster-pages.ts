import sharp from 'sharp';
import { CodedError } from '../../../shared/errors';
import { encodeBilevelPng } from '../../imaging/bilevel-png';
import { checkDecodes, firstLine } from './decode-check';
import { ImportCorruptImageError, ImportTooManyPagesError } from './errors';
import { pageSource, type ImportItem } from './page-item';

/** A JPEG or PNG file is one page, passed on byte for byte once it is known to decode. */
export async function* singleImagePages(path: string, bytes: Buffer, format: 'jpeg' | 'png', limit: number): AsyncGenerator<ImportItem> {
  try {
    await checkDecodes(bytes, path, limit);
    yield { kind: 'page', source: path, bytes, format };
  } catch (error) {
    yield failure(path, error);
  }
}

/**
 * Each page of a TIFF becomes a lossless PNG (1-bit for bilevel pages, e.g. CCITT G4), keeping its
 * resolution. A TIFF with more than `maxPages` pages is refused whole, from its directory count,
 * before any page is decoded.
 */
export async function* tiffPages(path: string, bytes: Buffer, limit: number, maxPages: number): AsyncGenerator<ImportItem> {
  let pages: number;
  try {
    pages = (await sharp(bytes, { limitInputPixels: false }).metadata()).pages ?? 1;
  } catch (error) {
    yield failure(path, new ImportCorruptImageError(path, firstLine(error)));
    return;
  }
  if (pages > maxPages) {
    yield failure(path, new ImportTooManyPagesError(path, pages, maxPages));
    return;
  }
  for (let page = 0; page < pages; page++) {
    const source = pageSource(path, page);
    try {
      yield { kind: 'page', source, bytes: await tiffPageToPng(bytes, page, source, limit), format: 'png' };
    } catch (error) {
      yield failure(source, error);
    }
  }
}

async function tiffPageToPng(bytes: Buffer, page: number, source: string, limit: number): Promise<Buffer> {
  const meta = await checkDecodes(bytes, source, limit, page);
  const dpi = meta.density && meta.resolutionUnit ? Math.round(meta.density) : undefined;
  const open = () => sharp(bytes, { limitInputPixels: limit, page, failOn: 'error' }).autoOrient();
  if (meta.bitsPerSample === 1 && (meta.channels ?? 1) === 1) {
    const { data, info } = await open().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    return encodeBilevelPng(new Uint8Array(data.buffer, data.byteOffset, data.length), info.width, info.height, 127, dpi ?? 0);
  }
  const pipeline = open();
  return (dpi ? pipeline.withDensity(dpi) : pipeline).png().toBuffer();
}

export function failure(source: string, error: unknown): ImportItem {
  if (error instanceof CodedError) return { kind: 'error', source, error };
  return { kind: 'error', source, error: new ImportCorruptImageError(source, firstLine(error)) };
}

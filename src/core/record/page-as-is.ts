import sharp, { type Metadata } from 'sharp';
import { CodedError } from '../../shared/errors';
import type { RecordPage } from './build-record-pdf';

export class RecordImageUnreadableError extends CodedError {
  constructor(label: string, reason: string) {
    super('record.image-unreadable', `${label}: the image cannot be read (${reason})`, { label, reason });
  }
}

/** Pages scanned without a stated resolution are taken at the Decree 30 minimum. */
const fallbackDpi = 200;

/**
 * A page image taken as it is (no clean-up): JPEG passes through, anything else becomes a
 * lossless PNG; size and dpi come from the file, the colour mode from its channels.
 */
export async function pageAsIs(bytes: Buffer, label: string): Promise<RecordPage> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (e) {
    throw new RecordImageUnreadableError(label, (e as Error).message);
  }
  if (!meta.width || !meta.height) throw new RecordImageUnreadableError(label, 'no size');
  const dpi = meta.density && meta.density >= 72 ? meta.density : fallbackDpi;
  const colorMode =
    meta.channels !== undefined && meta.channels >= 3 && meta.space !== 'b-w' ? 'color' : meta.bitsPerSample === 1 ? 'bw' : 'gray';
  if (meta.format === 'jpeg' && (meta.orientation ?? 1) === 1) {
    return { image: bytes, format: 'jpeg', width: meta.width, height: meta.height, dpi, colorMode };
  }
  const { data, info } = await sharp(bytes).rotate().png().toBuffer({ resolveWithObject: true });
  return { image: data, format: 'png', width: info.width, height: info.height, dpi, colorMode };
}

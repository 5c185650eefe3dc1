import type { PageText } from '../../shared/page-text';
import { buildRecordPdf, type RecordCompression, type RecordPage } from './build-record-pdf';
import type { RecordMetadata } from './record-metadata';

export interface SourceImage {
  bytes: Buffer;
  /** Names the page in errors (a file name). */
  label: string;
}

/** A page ready for the record, and the image OCR should read (a binarized copy), if any. */
export interface PreparedPage {
  page: RecordPage;
  ocrImage?: Buffer;
}

/** Turns a scanned image into the record's page: the clean-up chain, or the image as it is. */
export type PagePreparer = (image: SourceImage) => Promise<PreparedPage>;
/** Reads the text of a prepared page; boxes in the pixels of the image it read. */
export type PageReader = (prepared: PreparedPage, label: string) => Promise<PageText>;

export interface RecordStages {
  prepare: PagePreparer;
  /** Without a reader the record has no text layer. */
  read?: PageReader;
}

/** clean → OCR → assemble, for the pages of one document; the stages are given by the caller. */
export async function recordFromImages(
  images: SourceImage[],
  metadata: RecordMetadata,
  stages: RecordStages,
  options: { compression?: RecordCompression } = {},
): Promise<Uint8Array> {
  const pages = await Promise.all(
    images.map(async (image) => {
      const prepared = await stages.prepare(image);
      const text = stages.read ? await stages.read(prepared, image.label) : undefined;
      return { ...prepared.page, text };
    }),
  );
  return buildRecordPdf({ pages, metadata, compression: options.compression });
}

import { importBytes, importPageImages } from '../capture/file-source';
import type { CapturedItem } from './page-intake';

/** Page images out of files and folders (JPEG, PNG, TIFF pages, scanner PDFs), in natural order; a bad file is reported alone. */
export async function* readFilesAsPages(paths: string[]): AsyncIterable<CapturedItem> {
  for (const path of paths) {
    for await (const item of importPageImages(path)) {
      yield item.kind === 'page' ? { source: item.source, bytes: item.bytes } : { source: item.source, error: item.error };
    }
  }
}

/** The page images of one file sent by the renderer (picked or dropped), named by the file's name. */
export async function* pagesOfUploadedFile(name: string, bytes: Buffer): AsyncIterable<CapturedItem> {
  for await (const item of importBytes(name, bytes)) {
    yield item.kind === 'page' ? { source: item.source, bytes: item.bytes } : { source: item.source, error: item.error };
  }
}

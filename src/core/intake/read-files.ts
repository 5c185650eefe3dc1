import { importBytes, importPageImages, type ImportItem } from '../capture/file-source';
import { readSetting } from '../settings/read-setting';
import type { SettingsRepository } from '../store/settings-repository';
import type { CapturedItem } from './page-intake';

/** The most pages one imported file may hold, as the `import.max-pages-per-file` setting says. */
export const maxPagesPerFile = (settings: SettingsRepository): number => Number(readSetting(settings, 'import.max-pages-per-file'));

/** Page images out of files and folders (JPEG, PNG, TIFF pages, scanner PDFs), in natural order; a bad file is reported alone. */
export async function* readFilesAsPages(paths: string[], options: { maxPagesPerFile?: number } = {}): AsyncIterable<CapturedItem> {
  for (const path of paths) {
    for await (const item of importPageImages(path, { maxPagesPerFile: options.maxPagesPerFile })) {
      yield capturedItem(item);
    }
  }
}

/** The page images of one file sent by the renderer (picked or dropped), named by the file's name. */
export async function* pagesOfUploadedFile(name: string, bytes: Buffer, maxPages?: number): AsyncIterable<CapturedItem> {
  for await (const item of importBytes(name, bytes, undefined, maxPages)) {
    yield capturedItem(item);
  }
}

const capturedItem = (item: ImportItem): CapturedItem =>
  item.kind === 'page'
    ? { source: item.source, bytes: item.bytes, ...(item.warning ? { warning: item.warning } : {}) }
    : { source: item.source, error: item.error };

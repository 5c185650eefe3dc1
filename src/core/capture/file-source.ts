import { readFile } from 'node:fs/promises';
import { DEFAULT_MAX_PAGES_PER_FILE } from '../../shared/page-limits';
import { firstLine } from './files/decode-check';
import { ImportEmptyFileError, ImportFailedError, ImportUnreadableError, ImportUnsupportedFormatError } from './files/errors';
import { defaultImportPixelLimit, type ImportItem, type ImportOptions } from './files/page-item';
import { pdfPages } from './files/pdf-pages';
import { singleImagePages, tiffPages } from './files/raster-pages';
import { sniffFormat } from './files/sniff-format';
import { walkFiles } from './files/walk-files';

export type { ImportedPage, ImportFailure, ImportItem, ImportOptions, PageImageFormat } from './files/page-item';

/**
 * Page images from a file or a folder (walked recursively, natural name order): JPEG, PNG,
 * TIFF (every page) and scanner PDFs (the image of every page). A file or page that cannot
 * be read yields a coded error item and the import goes on.
 */
export async function* importPageImages(path: string, options: ImportOptions = {}): AsyncGenerator<ImportItem> {
  const limit = options.limitInputPixels ?? defaultImportPixelLimit;
  try {
    for await (const file of walkFiles(path)) yield* importFile(file, limit, options.maxPagesPerFile);
  } catch (error) {
    yield { kind: 'error', source: path, error: new ImportUnreadableError(path, firstLine(error)) };
  }
}

/** The page images of one file; whatever goes wrong inside it is reported for that file alone. */
export async function* importFile(
  path: string,
  limit = defaultImportPixelLimit,
  maxPages = DEFAULT_MAX_PAGES_PER_FILE,
): AsyncGenerator<ImportItem> {
  try {
    yield* importFileUnguarded(path, limit, maxPages);
  } catch (error) {
    yield { kind: 'error', source: path, error: new ImportFailedError(path, firstLine(error)) };
  }
}

async function* importFileUnguarded(path: string, limit: number, maxPages: number): AsyncGenerator<ImportItem> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield { kind: 'error', source: path, error: new ImportUnreadableError(path, firstLine(error)) };
    return;
  }
  yield* importFileBytes(path, bytes, limit, maxPages);
}

/** The page images of a file's contents, already read (a file picked or dropped in the renderer); `name` is its source. */
export async function* importBytes(
  name: string,
  bytes: Buffer,
  limit = defaultImportPixelLimit,
  maxPages = DEFAULT_MAX_PAGES_PER_FILE,
): AsyncGenerator<ImportItem> {
  try {
    yield* importFileBytes(name, bytes, limit, maxPages);
  } catch (error) {
    yield { kind: 'error', source: name, error: new ImportFailedError(name, firstLine(error)) };
  }
}

async function* importFileBytes(path: string, bytes: Buffer, limit: number, maxPages: number): AsyncGenerator<ImportItem> {
  if (bytes.length === 0) {
    yield { kind: 'error', source: path, error: new ImportEmptyFileError(path) };
    return;
  }
  const format = sniffFormat(bytes.subarray(0, 1024));
  switch (format) {
    case 'jpeg':
    case 'png':
      yield* singleImagePages(path, bytes, format, limit);
      return;
    case 'tiff':
      yield* tiffPages(path, bytes, limit, maxPages);
      return;
    case 'pdf':
      yield* pdfPages(path, bytes, limit, maxPages);
      return;
    default:
      yield { kind: 'error', source: path, error: new ImportUnsupportedFormatError(path) };
  }
}

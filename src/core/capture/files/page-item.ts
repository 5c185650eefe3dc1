import type { CodedError } from '../../../shared/errors';

export type PageImageFormat = 'jpeg' | 'png';

/** One page image found by the import: the file's own bytes where possible. */
export interface ImportedPage {
  kind: 'page';
  /** The file path, with `#n` (1-based) for a page of a multi-page file. */
  source: string;
  bytes: Buffer;
  format: PageImageFormat;
  /** Something about the file worth a line in the report, the page being imported all the same (e.g. a repaired PDF). */
  warning?: CodedError;
}

/** A file or page that could not be imported; the import goes on with the rest. */
export interface ImportFailure {
  kind: 'error';
  source: string;
  error: CodedError;
}

export type ImportItem = ImportedPage | ImportFailure;

export interface ImportOptions {
  /** Refuse images with more pixels than this (default 100 megapixels). */
  limitInputPixels?: number;
  /** Refuse a PDF listing more pages than this, whole (default DEFAULT_MAX_PAGES_PER_FILE). */
  maxPagesPerFile?: number;
}

export const defaultImportPixelLimit = 100_000_000;

export function pageSource(path: string, pageIndex: number): string {
  return `${path}#${pageIndex + 1}`;
}

import { CodedError } from '../../../shared/errors';

/** A file or folder given to the import does not exist or cannot be read. */
export class ImportUnreadableError extends CodedError {
  constructor(path: string, reason: string) {
    super('import.unreadable', `Cannot read ${path}: ${reason}`, { path });
  }
}

export class ImportEmptyFileError extends CodedError {
  constructor(path: string) {
    super('import.empty-file', `File is empty (zero bytes): ${path}`, { path });
  }
}

/** Not JPEG, PNG, TIFF or PDF. */
export class ImportUnsupportedFormatError extends CodedError {
  constructor(path: string, detail?: string) {
    super('import.unsupported-format', `Not a JPEG, PNG, TIFF or PDF file${detail ? ` (${detail})` : ''}: ${path}`, { path });
  }
}

/** The image data is damaged or cut short. */
export class ImportCorruptImageError extends CodedError {
  constructor(source: string, reason: string) {
    super('import.corrupt-image', `Image cannot be decoded (${reason}): ${source}`, { source, reason });
  }
}

/** More pixels than the import allows: a decompression bomb, or a mistake. */
export class ImportImageTooLargeError extends CodedError {
  constructor(source: string, pixels: number, limit: number) {
    super('import.image-too-large', `Image has ${pixels} pixels, over the limit of ${limit}: ${source}`, { source, pixels, limit });
  }
}

export class ImportCorruptPdfError extends CodedError {
  constructor(path: string, reason: string) {
    super('import.corrupt-pdf', `PDF cannot be read (${reason}): ${path}`, { path, reason });
  }
}

export class ImportEncryptedPdfError extends CodedError {
  constructor(path: string) {
    super('import.encrypted-pdf', `PDF is encrypted: ${path}`, { path });
  }
}

/** A PDF page that carries no page image (a born-digital page, or a blank one). */
export class ImportPdfPageWithoutImageError extends CodedError {
  constructor(source: string) {
    super('import.pdf-page-without-image', `PDF page holds no page image: ${source}`, { source });
  }
}

/** A page image compressed in a way the import does not decode (JPX, JBIG2, …). */
export class ImportUnsupportedPdfImageError extends CodedError {
  constructor(source: string, filter: string) {
    super('import.unsupported-pdf-image', `PDF page image uses ${filter}, which is not supported: ${source}`, { source, filter });
  }
}

/** Something unforeseen went wrong with one file; the import carries on with the next. */
export class ImportFailedError extends CodedError {
  constructor(path: string, reason: string) {
    super('import.failed', `Import of ${path} failed: ${reason}`, { path, reason });
  }
}

/** A file listing more pages than one file may hold (the page-count cap): refused whole, not page by page. */
export class ImportTooManyPagesError extends CodedError {
  constructor(path: string, pages: number, limit: number) {
    super('import.too-many-pages', `The file lists ${pages} pages, over the limit of ${limit} per file: ${path}`, { path, pages, limit });
  }
}

/** Not a refusal: pdf-lib skipped damaged objects to read the PDF, and its pages were imported; worth a look at them. */
export class ImportPdfRepairedWarning extends CodedError {
  constructor(path: string) {
    super('import.pdf-repaired', `PDF had damaged objects that were skipped to read it; check its pages: ${path}`, { path });
  }
}

import { CodedError } from '../../shared/errors';

export class RecordNotPdfError extends CodedError {
  constructor() {
    super('record.not-pdf', 'The file is not a PDF');
  }
}

export class RecordEncryptedError extends CodedError {
  constructor() {
    super('record.encrypted', 'The PDF is encrypted; records are never encrypted, so this is not one');
  }
}

export class RecordTruncatedError extends CodedError {
  constructor() {
    super('record.truncated', 'The PDF is truncated (no end-of-file marker): it was cut off while being written or copied');
  }
}

export class RecordDamagedError extends CodedError {
  constructor(reason: string) {
    super('record.damaged', `The PDF cannot be read: ${reason}`, { reason });
  }
}

/** A page tree whose kids lead back to an ancestor: no reader can list its pages. */
export class RecordPageTreeCyclicError extends CodedError {
  constructor() {
    super('record.page-tree-cyclic', 'The PDF cannot be read: its page tree loops back on itself');
  }
}

export class RecordTooManyPagesError extends CodedError {
  constructor(pages: number, limit: number) {
    super('record.too-many-pages', `The PDF lists ${pages} pages, over the limit of ${limit} per file`, { pages, limit });
  }
}

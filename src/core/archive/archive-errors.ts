import { CodedError } from '../../shared/errors';

/** An old binary .xls register (Excel 97–2003): only .xlsx and CSV are read. */
export class RegisterXlsUnsupportedError extends CodedError {
  constructor(path: string) {
    super('register.xls-unsupported', `${path}: old Excel (.xls) registers are not read; save the sheet as .xlsx or CSV (UTF-8) and pass that`, { path });
  }
}

/** --map names a field the register does not have, or a column its header does not have. */
export class RegisterMapError extends CodedError {
  constructor(message: string, details: Record<string, unknown>) {
    super('register.bad-map', message, details);
  }
}

/** The register has no column the import cannot do without (the dossier number). */
export class RegisterMissingColumnError extends CodedError {
  constructor(column: string, header: string[]) {
    super('register.missing-column', `The register has no '${column}' column (found: ${header.join(', ')})`, { column, header });
  }
}

export class RegisterEmptyError extends CodedError {
  constructor(path: string) {
    super('register.empty', `${path}: the register has no header row`, { path });
  }
}

export class RegisterUnreadableError extends CodedError {
  constructor(path: string, reason: string) {
    super('register.unreadable', `${path}: cannot read the register (${reason})`, { path });
  }
}

export class BatchFolderNotFoundError extends CodedError {
  constructor(path: string) {
    super('batch.folder-not-found', `${path} is not a folder`, { path });
  }
}

export class BatchNotFoundError extends CodedError {
  constructor(ref: string) {
    super('batch.not-found', `No archive batch ${ref}`, { ref });
  }
}

/** The disk holding the data folder is full: the batch stopped cleanly and resumes once space is freed. */
export class BatchDiskFullError extends CodedError {
  constructor(dataDir: string, cause: string) {
    super('batch.disk-full', `The disk holding ${dataDir} is full (${cause}); the batch stopped cleanly. Free some space and run the same command again to resume`, { dataDir });
  }
}

export class BatchCancelledError extends CodedError {
  constructor(batchId: number) {
    super('batch.cancelled', `Batch ${batchId} was cancelled; take it up again with 'sohoa batch --resume ${batchId}'`, { batchId });
  }
}

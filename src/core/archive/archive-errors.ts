import { CodedError } from '../../shared/errors';

/** An .xlsx/.xls register: no spreadsheet reader is bundled yet; save it as CSV. */
export class RegisterXlsxUnsupportedError extends CodedError {
  constructor(path: string) {
    super('register.xlsx-unsupported', `${path}: XLSX registers are not supported yet; save the sheet as CSV (UTF-8) and pass that`, { path });
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

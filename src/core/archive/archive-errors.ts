import { CodedError } from '../../shared/errors';

/** An old binary .xls register (Excel 97–2003): only .xlsx and CSV are read. */
export class RegisterXlsUnsupportedError extends CodedError {
  constructor(path: string) {
    super(
      'register.xls-unsupported',
      `${path}: old Excel (.xls) registers are not read; save the sheet as .xlsx or CSV (UTF-8) and pass that`,
      { path },
    );
  }
}

/** --map names a field the register does not have, or a column its header does not have. */
export class RegisterMapError extends CodedError {
  constructor(message: string, details: Record<string, unknown>) {
    super('register.bad-map', message, details);
  }
}

/** How a register was read, for an error to say what was seen. */
export interface RegisterReading {
  encoding: string;
  /** The delimiter's name for a CSV; absent for XLSX. */
  delimiter?: string;
  sheet?: string;
  /** The row taken as the header (the first row when none named a dossier-number column). */
  headerLines: number[];
}

/** The register has no column the import cannot do without (the dossier number). */
export class RegisterMissingColumnError extends CodedError {
  constructor(column: string, header: string[], reading?: RegisterReading) {
    const seen = reading
      ? ` Read as ${reading.encoding}${reading.delimiter ? `, delimiter ${reading.delimiter}` : ''}${reading.sheet ? `, sheet '${reading.sheet}'` : ''}; row ${reading.headerLines.join('–')} taken as the header.` +
        ` Name the dossier-number column 'Hồ sơ số' (or pass --map number=COLUMN); if the columns look run together or garbled, save the register again as CSV UTF-8 or XLSX.`
      : '';
    super('register.missing-column', `The register has no '${column}' column (found: ${header.filter(Boolean).join(' | ')}).${seen}`, {
      column,
      header,
      ...reading,
    });
  }
}

/** The register (or a part of it) is too large to read safely: refused before it is read. */
export class RegisterTooLargeError extends CodedError {
  constructor(path: string, reason: string) {
    super('register.too-large', `${path}: the register is too large to read (${reason}); split it or remove what is not the register`, {
      path,
    });
  }
}

/** `--sheet` names a sheet the workbook does not have. */
export class RegisterSheetNotFoundError extends CodedError {
  constructor(path: string, sheet: string, sheets: string[]) {
    super(
      'register.sheet-not-found',
      `${path}: no sheet '${sheet}' (sheets: ${sheets.join(', ')}); pass --sheet NAME, a number from 1, or all`,
      { path, sheet, sheets },
    );
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
    super(
      'batch.disk-full',
      `The disk holding ${dataDir} is full (${cause}); the batch stopped cleanly. Free some space and run the same command again to resume`,
      { dataDir },
    );
  }
}

export class BatchCancelledError extends CodedError {
  constructor(batchId: number) {
    super('batch.cancelled', `Batch ${batchId} was cancelled; take it up again with 'sohoa batch --resume ${batchId}'`, { batchId });
  }
}

/** The app is still taking in this batch's pages: a second start waits for the first. */
export class BatchIntakeRunningError extends CodedError {
  constructor(batchId: number) {
    super('batch.intake-running', `Batch ${batchId} is still being taken in; wait for its pages to arrive`, { batchId });
  }
}

/** The register as `batch.registerPreview` reads it (what `sohoa batch --preview` prints), and that method's input. */
import { z } from 'zod';
import { REGISTER_FIELD_NAMES, type RegisterFieldName } from './batch-start-contract';
import type { RegisterProblem } from './batch-report';
import { unquotePath } from './file-paths';
import type { ResultKind } from './result-contract';

/** The encodings a CSV register can be read in (`sohoa batch --encoding`); guessed when not given. */
export const REGISTER_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni'] as const;
export type RegisterEncoding = (typeof REGISTER_ENCODINGS)[number];

const pathText = z.string().transform(unquotePath).pipe(z.string().min(1, 'required').max(4096, 'too-long'));

export const RegisterPreviewInput = z.object({
  /** The batch folder: with the register, it finds the columns chosen the last time they were taken in. */
  folder: pathText,
  registerPath: pathText,
  /** Columns chosen by hand: field → the header's text. */
  columns: z.partialRecord(z.enum(REGISTER_FIELD_NAMES), z.string().trim().min(1, 'required').max(200, 'too-long')).optional(),
  encoding: z.enum(REGISTER_ENCODINGS).optional(),
  /** An XLSX register's sheet: its name, its number from 1, or all. */
  sheet: z.string().trim().max(100, 'too-long').optional(),
});

/** One dossier of the register (sổ theo dõi). */
export interface RegisterRow {
  line: number;
  box: string;
  archiveNumber: string;
  boxKey: string;
  numberKey: string;
  title: string | null;
  year: number | null;
  field: string | null;
  expectedPages: number | null;
  retention: string | null;
  /** The register says the folder holds the dossier's result, of this kind. */
  resultKind: ResultKind | null;
  /** The agency that issued the paper, as the register names it (e.g. before a merger of units). */
  issuingAgency: string | null;
}

/** A sheet read (one entry, name null, for a CSV); its rows are numbered on from lineOffset. */
export interface RegisterSheetRead {
  name: string | null;
  headerLines: number[];
  lineOffset: number;
}

/** How the file was read, the column map and the first rows as the import will read them. */
export interface RegisterPreview {
  encoding: string;
  /** The CSV delimiter's name ("semicolon (;)"), null for XLSX. */
  delimiter: string | null;
  /** The row(s) taken as the header. */
  headerLines: number[];
  /** Cells converted from VNI to Unicode. */
  vniCells: number;
  sheets: RegisterSheetRead[];
  header: string[];
  columns: Partial<Record<RegisterFieldName, string>>;
  rows: RegisterRow[];
  rowCount: number;
  problems: RegisterProblem[];
}

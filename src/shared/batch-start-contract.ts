/** Input schemas and result types of the archive team's new-batch dialog: a preview, then the start (see contract.ts). */
import { z } from 'zod';
import { unquotePath } from './file-paths';

/** The register's fields a column can be mapped to (as `sohoa batch --map` names them). */
export const REGISTER_FIELD_NAMES = ['box', 'dossier', 'title', 'year', 'field', 'pages', 'retention', 'result', 'agency'] as const;
export type RegisterFieldName = (typeof REGISTER_FIELD_NAMES)[number];

/** A path on the engine's machine as a user pastes it: quotes from "Copy as path" are dropped. */
const pathText = z.string().transform(unquotePath).pipe(z.string().min(1, 'required').max(4096, 'too-long'));
const optionalPath = z
  .string()
  .transform(unquotePath)
  .pipe(z.string().max(4096, 'too-long'))
  .transform((v) => v || undefined)
  .optional();

export const BatchSetupInput = z.object({
  folder: pathText,
  registerPath: optionalPath,
  /** folders, qr, patch-t, blank or count:N, as `sohoa batch --separate`. */
  separate: z.string().trim().max(32, 'too-long').default('folders'),
  /** Columns chosen by hand: field → the header's text. */
  columns: z.partialRecord(z.enum(REGISTER_FIELD_NAMES), z.string().trim().min(1, 'required').max(200, 'too-long')).optional(),
  /** An XLSX register's sheet: its name, its number from 1, or all. */
  sheet: z.string().trim().max(100, 'too-long').optional(),
});

/** What the folder holds, as the chosen separation will split it. */
export interface BatchFolderPreview {
  path: string;
  /** Dossier folders found (folders mode); null for a page stream, split only as it is read. */
  dossiers: number | null;
  /** The first dossier folders, as paths under the batch folder. */
  firstDossiers: string[];
  /** Files in the stream (stream modes), or lying outside any dossier folder (folders mode). */
  files: number;
}

export interface RegisterPreviewRow {
  line: number;
  box: string;
  archiveNumber: string;
  title: string | null;
  year: number | null;
  field: string | null;
  expectedPages: number | null;
  retention: string | null;
}

/** The register as the import will read it: how, the column map, what is left unmapped, the first rows. */
export interface RegisterPreviewView {
  encoding: string;
  /** A CSV's delimiter character (`,` `;` tab `|`); null for XLSX. */
  delimiter: string | null;
  headerLines: number[];
  header: string[];
  columns: Partial<Record<RegisterFieldName, string>>;
  unmapped: string[];
  rows: RegisterPreviewRow[];
  rowCount: number;
  problems: { line: number; code: string; message: string; severity: 'rejected' | 'warning' }[];
}

export interface BatchSetupPreview {
  folder: BatchFolderPreview;
  register: RegisterPreviewView | null;
}

export interface BatchStartResult {
  batchId: number;
  /** The same folder and register were a batch already: it is taken up again. */
  resumed: boolean;
}

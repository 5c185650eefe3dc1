/** What an archive batch has come to, as `batch.report` and `batch.qcItems` give it (and `sohoa batch --report / --qc` print). */

export type ArchiveFlagKind = 'count-mismatch' | 'missing' | 'extra' | 'pages-failed' | 'unreadable-files';

/** A reconciliation flag: the register and the folders disagree, or pages failed. */
export interface ArchiveFlag {
  kind: ArchiveFlagKind;
  dossierId: number | null;
  box: string;
  archiveNumber: string;
  details: Record<string, unknown>;
}

/** A register row refused or read with a warning. */
export interface RegisterProblem {
  line: number;
  /** In a register read from several sheets: the sheet and its row (line runs on across sheets). */
  sheet?: string;
  sheetRow?: number;
  code: string;
  message: string;
  severity: 'rejected' | 'warning';
}

/** Where a problem is: its line, or its sheet and row in a register read from several sheets. */
export const problemPlace = (p: Pick<RegisterProblem, 'line' | 'sheet' | 'sheetRow'>) =>
  p.sheet !== undefined ? `sheet '${p.sheet}'${p.sheetRow !== undefined ? ` row ${p.sheetRow}` : ''}` : `line ${p.line}`;

/** A dossier folder of the batch in its report. */
export interface BatchReportDossier {
  relPath: string;
  dossierId: number;
  dossierCode: string;
  box: string;
  archiveNumber: string;
  year: number | null;
  title: string | null;
  /** The register row the folder matched (its line), or null for a folder not in the register. */
  registerLine: number | null;
  pages: number;
  pagesRead: number;
  pagesFailed: number;
  expectedPages: number | null;
  record: boolean;
}

/** A batch as the store holds it: register against folders, page counts, flags. */
export interface BatchReport {
  batch: {
    id: number;
    name: string;
    source: string;
    registerPath: string | null;
    status: string;
    registerEncoding: string | null;
    separation: string;
  };
  registered: number;
  dossiersFound: number;
  matched: number;
  pages: { found: number; expected: number; read: number; failed: number; records: number };
  dossiers: BatchReportDossier[];
  missing: ArchiveFlag[];
  extra: ArchiveFlag[];
  registerProblems: RegisterProblem[];
  flags: ArchiveFlag[];
}

/** One thing for the QC station to look at: a page, a dossier, or a register row with no dossier. */
export interface QcItem {
  kind: 'page' | 'dossier' | 'register-row';
  dossierId: number | null;
  dossierCode: string | null;
  box: string;
  archiveNumber: string;
  pageId: number | null;
  /** The page's file, for a page. */
  source: string | null;
  reasons: string[];
  /** The dossier was approved at QC (its items stay listed, marked). */
  approved: boolean;
}

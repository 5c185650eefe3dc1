/** What the archive QC station sees of a batch: results of the `batch.*` methods. */

/** running: pages being worked on (or waiting for a worker); done: nothing left to process. */
export type BatchState = 'open' | 'running' | 'paused' | 'cancelled' | 'done';

export interface BatchProgressView {
  /** Pages the pipeline has finished with (read, or failed for good), of all pages taken in. */
  done: number;
  total: number;
  failed: number;
  /** Pages read per minute over the last minutes, whichever process did the work; null while nothing moves. */
  perMinute: number | null;
  secondsLeft: number | null;
}

/** The batch against its register (sổ theo dõi). */
export interface ReconciliationSummary {
  registered: number;
  found: number;
  matched: number;
  missing: number;
  extra: number;
  countMismatches: number;
}

export interface BatchSummary {
  id: number;
  name: string;
  source: string;
  /** The register (sổ theo dõi) it was taken in with, as the path on the engine's machine. */
  registerPath: string | null;
  state: BatchState;
  createdAt: string;
  progress: BatchProgressView;
  reconciliation: ReconciliationSummary;
  dossiers: { total: number; approved: number; signed: number; toSign: number };
  /** A bulk signing run in progress in this engine. */
  signing: { done: number; total: number } | null;
}

/** A page of a dossier that the QC queue flags, with why. */
export interface QcPage {
  pageId: number;
  /** Its place in the dossier, from 1. */
  position: number;
  source: string | null;
  reasons: string[];
}

/** One dossier of the batch at QC: the reasons it is in the queue (none: clean), its flagged pages, where it stands. */
export interface QcDossier {
  dossierId: number;
  code: string;
  box: string;
  archiveNumber: string;
  title: string | null;
  pages: number;
  expectedPages: number | null;
  /** Dossier-level reasons: count-mismatch, extra, pages-failed, unreadable-files. */
  reasons: string[];
  flaggedPages: QcPage[];
  approved: boolean;
  signed: boolean;
}

/** A registered dossier with no folder. */
export interface MissingDossier {
  box: string;
  archiveNumber: string;
  title: string | null;
  line: number | null;
}

export interface BatchQcView {
  batch: BatchSummary;
  dossiers: QcDossier[];
  missing: MissingDossier[];
}

export interface BatchSignResult {
  batchId: number;
  /** Approved dossiers that were not signed when the run started. */
  total: number;
  /** Dossiers signed and filed by this run, and their documents signed now. */
  signed: number[];
  documentsSigned: number;
  /** Dossiers left unsigned, with the reason (pages still processing or failed: dossier.not-ready). */
  skipped: { dossierId: number; code: string }[];
  cancelled: boolean;
}

import type { ArchiveFlag, ArchiveFlagKind } from '../../shared/batch-report';
import type { ColumnMap } from '../archive/register-columns';
import type { RegisterProblem, RegisterRow } from '../archive/register-import';
import type { ArchivalMetadata } from '../record/record-metadata';
import type { Db } from './database';
import { batchJobGroup } from './job-group';
import { JobRepository } from './job-repository';

export interface BatchRow {
  id: number;
  name: string;
  source: string;
  registerPath: string | null;
  status: string;
  createdAt: string;
  key: string | null;
  columns: ColumnMap | null;
  registerEncoding: string | null;
  registerProblems: RegisterProblem[];
  /** The `--sheet` the register was read with (a name, a number or `all`); null: the first sheet with a table. */
  registerSheet: string | null;
  /** How the batch's pages are split into dossiers: folders, qr, blank or count:N. */
  separation: string;
}

/** open: taken in, not run yet; paused / cancelled: asked to stop (a running batch process notices). */
export type BatchStatus = 'open' | 'running' | 'paused' | 'cancelled' | 'done';

export type { ArchiveFlag, ArchiveFlagKind };

/** A dossier folder of a batch and what its pages have come to. */
export interface BatchFolderRow {
  relPath: string;
  dossierId: number;
  documentId: number;
  dossierCode: string;
  box: string;
  archiveNumber: string;
  year: number | null;
  /** The register row the folder matched (its line), or null for a folder not in the register. */
  registerLine: number | null;
  title: string | null;
  expectedPages: number | null;
  pages: number;
  pagesRead: number;
  pagesFailed: number;
  records: number;
}

interface RawBatch {
  id: number;
  name: string;
  source: string;
  register_path: string | null;
  status: string;
  created_at: string;
  batch_key: string | null;
  column_map: string | null;
  register_encoding: string | null;
  register_problems: string;
  register_sheet: string | null;
  separation: string;
}

const toBatch = (r: RawBatch): BatchRow => ({
  id: r.id,
  name: r.name,
  source: r.source,
  registerPath: r.register_path,
  status: r.status,
  createdAt: r.created_at,
  key: r.batch_key,
  columns: r.column_map ? (JSON.parse(r.column_map) as ColumnMap) : null,
  registerEncoding: r.register_encoding,
  registerProblems: JSON.parse(r.register_problems) as RegisterProblem[],
  registerSheet: r.register_sheet,
  separation: r.separation,
});

/** Archive batches, their register (sổ theo dõi) rows, dossier folders and reconciliation flags. */
export class ArchiveRepository {
  constructor(private readonly db: Db) {}

  createBatch(b: { name: string; source: string; registerPath: string | null; key: string }): BatchRow {
    const id = Number(
      this.db
        .prepare(`INSERT INTO batch (name, source, register_path, status, created_at, batch_key) VALUES (?, ?, ?, 'open', ?, ?)`)
        .run(b.name, b.source, b.registerPath, new Date().toISOString(), b.key).lastInsertRowid,
    );
    return this.batch(id)!;
  }

  batch(id: number): BatchRow | undefined {
    const r = this.db.prepare('SELECT * FROM batch WHERE id = ?').get(id) as RawBatch | undefined;
    return r && toBatch(r);
  }

  /** Every batch, newest first. */
  batches(): BatchRow[] {
    return (this.db.prepare('SELECT * FROM batch ORDER BY id DESC').all() as RawBatch[]).map(toBatch);
  }

  batchByKey(key: string): BatchRow | undefined {
    const r = this.db.prepare('SELECT * FROM batch WHERE batch_key = ?').get(key) as RawBatch | undefined;
    return r && toBatch(r);
  }

  /** The newest batch read from this folder, whatever its register. */
  latestBatchOfSource(source: string): BatchRow | undefined {
    const r = this.db.prepare('SELECT * FROM batch WHERE source = ? ORDER BY id DESC LIMIT 1').get(source) as RawBatch | undefined;
    return r && toBatch(r);
  }

  /** Sets the batch's status; stopping it (paused, cancelled) holds its jobs' group, going on releases it. */
  setStatus(batchId: number, status: BatchStatus): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE batch SET status = ? WHERE id = ?').run(status, batchId);
      const jobs = new JobRepository(this.db);
      if (status === 'paused' || status === 'cancelled') jobs.holdGroup(batchJobGroup(batchId));
      else jobs.releaseGroup(batchJobGroup(batchId));
    })();
  }

  setSeparation(batchId: number, separation: string): void {
    this.db.prepare('UPDATE batch SET separation = ? WHERE id = ?').run(separation, batchId);
  }

  /** Replaces the batch's register rows with a fresh read of the register, and remembers its column map. */
  saveRegister(
    batchId: number,
    register: { rows: RegisterRow[]; problems: RegisterProblem[]; columns: ColumnMap; encoding: string },
    sheet: string | null = null,
  ): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM archive_register_row WHERE batch_id = ?').run(batchId);
      const insert = this.db.prepare(
        `INSERT INTO archive_register_row (batch_id, line, box, archive_number, box_key, number_key, title, year, field, expected_pages, retention, result_kind, issuing_agency)
         VALUES (@batchId, @line, @box, @archiveNumber, @boxKey, @numberKey, @title, @year, @field, @expectedPages, @retention, @resultKind, @issuingAgency)`,
      );
      for (const row of register.rows) insert.run({ ...row, batchId });
      this.db
        .prepare('UPDATE batch SET column_map = ?, register_encoding = ?, register_problems = ?, register_sheet = ? WHERE id = ?')
        .run(JSON.stringify(register.columns), register.encoding, JSON.stringify(register.problems), sheet, batchId);
    })();
  }

  registerRows(batchId: number): RegisterRow[] {
    return this.db
      .prepare(
        `SELECT line, box, archive_number AS archiveNumber, box_key AS boxKey, number_key AS numberKey, title, year, field,
                expected_pages AS expectedPages, retention, result_kind AS resultKind, issuing_agency AS issuingAgency
         FROM archive_register_row WHERE batch_id = ? ORDER BY line`,
      )
      .all(batchId) as RegisterRow[];
  }

  folder(batchId: number, relPath: string): { dossierId: number; documentId: number } | undefined {
    return this.db
      .prepare('SELECT dossier_id AS dossierId, document_id AS documentId FROM archive_folder WHERE batch_id = ? AND rel_path = ?')
      .get(batchId, relPath) as { dossierId: number; documentId: number } | undefined;
  }

  /** The id of the dossier with this code among the batch's folders. */
  folderDossierByCode(batchId: number, code: string): number | undefined {
    const row = this.db
      .prepare('SELECT d.id FROM dossier d JOIN archive_folder f ON f.dossier_id = d.id WHERE d.code = ? AND f.batch_id = ?')
      .get(code, batchId) as { id: number } | undefined;
    return row?.id;
  }

  /** Call in the transaction that creates the folder's dossier and document. */
  addFolder(batchId: number, relPath: string, dossierId: number, documentId: number): void {
    this.db
      .prepare('INSERT INTO archive_folder (batch_id, rel_path, dossier_id, document_id) VALUES (?, ?, ?, ?)')
      .run(batchId, relPath, dossierId, documentId);
  }

  /** Records which register row (by line) the folder matched in this run; null when none. */
  setFolderRegisterLine(batchId: number, relPath: string, line: number | null): void {
    this.db.prepare('UPDATE archive_folder SET register_line = ? WHERE batch_id = ? AND rel_path = ?').run(line, batchId, relPath);
  }

  folders(batchId: number): BatchFolderRow[] {
    return this.db
      .prepare(
        `SELECT f.rel_path AS relPath, f.dossier_id AS dossierId, f.document_id AS documentId, d.code AS dossierCode,
                coalesce(d.box, '') AS box, coalesce(d.archive_number, '') AS archiveNumber, d.year,
                f.register_line AS registerLine, r.title, r.expected_pages AS expectedPages,
                (SELECT count(*) FROM page p WHERE p.document_id = f.document_id) AS pages,
                (SELECT count(*) FROM page p WHERE p.document_id = f.document_id AND p.state = 'read') AS pagesRead,
                (SELECT count(*) FROM page p WHERE p.document_id = f.document_id AND p.state = 'failed') AS pagesFailed,
                (SELECT count(*) FROM record r WHERE r.document_id = f.document_id) AS records
         FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id
           LEFT JOIN archive_register_row r ON r.batch_id = f.batch_id AND r.line = f.register_line
         WHERE f.batch_id = ? ORDER BY f.rel_path`,
      )
      .all(batchId) as BatchFolderRow[];
  }

  /** The agency that issued an archive document's paper: its register row's, else the one set for its batch; undefined when neither. */
  issuingAgencyOf(documentId: number): string | undefined {
    const row = this.db
      .prepare(
        `SELECT coalesce(nullif(r.issuing_agency, ''), b.issuing_agency) AS agency
         FROM archive_folder f JOIN batch b ON b.id = f.batch_id
           LEFT JOIN archive_register_row r ON r.batch_id = f.batch_id AND r.line = f.register_line
         WHERE f.document_id = ?`,
      )
      .get(documentId) as { agency: string | null } | undefined;
    return row?.agency || undefined;
  }

  /** Sets the original issuing agency of a batch's dossiers (their records made from now on carry it). */
  setIssuingAgency(batchId: number, agency: string): void {
    this.db.prepare('UPDATE batch SET issuing_agency = ? WHERE id = ?').run(agency, batchId);
  }

  /** The archival fields a record of this document carries, when it is an archive dossier's; else undefined. */
  archivalMetadata(documentId: number): ArchivalMetadata | undefined {
    const r = this.db
      .prepare(
        `SELECT d.box, d.archive_number AS dossierNumber, d.year, r.retention, r.title AS registerTitle
         FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id
           LEFT JOIN archive_register_row r ON r.batch_id = f.batch_id AND r.line = f.register_line
         WHERE f.document_id = ?`,
      )
      .get(documentId) as Record<keyof ArchivalMetadata, string | number | null> | undefined;
    if (!r) return undefined;
    const text = (v: string | number | null) => (v === null || v === '' ? undefined : String(v));
    return {
      box: text(r.box),
      dossierNumber: text(r.dossierNumber),
      year: typeof r.year === 'number' ? r.year : undefined,
      retention: text(r.retention),
      registerTitle: text(r.registerTitle),
    };
  }

  /** What a batch's summary counts: register rows, folders found and matched, dossiers approved and signed (live dossiers only). */
  summaryCounts(batchId: number): {
    registered: number;
    found: number;
    matched: number;
    dossiers: number;
    approved: number;
    signed: number;
    approvedUnsigned: number;
  } {
    return this.db
      .prepare(
        `SELECT (SELECT count(*) FROM archive_register_row WHERE batch_id = @batchId) AS registered,
                count(*) AS found, count(f.register_line) AS matched,
                count(*) FILTER (WHERE d.deleted_at IS NULL) AS dossiers,
                count(*) FILTER (WHERE d.deleted_at IS NULL AND f.approved_at IS NOT NULL) AS approved,
                count(*) FILTER (WHERE d.deleted_at IS NULL AND d.status IN ('finalized', 'synced')) AS signed,
                count(*) FILTER (WHERE d.deleted_at IS NULL AND f.approved_at IS NOT NULL AND d.status NOT IN ('finalized', 'synced')) AS approvedUnsigned
         FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id WHERE f.batch_id = @batchId`,
      )
      .get({ batchId }) as {
      registered: number;
      found: number;
      matched: number;
      dossiers: number;
      approved: number;
      signed: number;
      approvedUnsigned: number;
    };
  }

  /** Pages of the batch: all, and those the pipeline has finished with (read or failed for good). */
  progress(batchId: number): { total: number; done: number; failed: number } {
    return this.db
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(p.state IN ('read', 'failed')), 0) AS done, coalesce(sum(p.state = 'failed'), 0) AS failed
         FROM archive_folder f JOIN page p ON p.document_id = f.document_id WHERE f.batch_id = ?`,
      )
      .get(batchId) as { total: number; done: number; failed: number };
  }

  /** The running batch a document's folder belongs to, if any. */
  runningBatchOfDocument(documentId: number): number | undefined {
    const row = this.db
      .prepare(
        `SELECT f.batch_id AS batchId FROM archive_folder f JOIN batch b ON b.id = f.batch_id WHERE f.document_id = ? AND b.status = 'running'`,
      )
      .get(documentId) as { batchId: number } | undefined;
    return row?.batchId;
  }

  /** Pipeline jobs of the batch's documents still queued or running (held ones included). */
  pendingJobs(batchId: number): number {
    return new JobRepository(this.db).pendingOfGroup(batchJobGroup(batchId));
  }

  /** Pages of the batch whose reading finished since `since` (ISO time): the recent rate, whichever process did the work. */
  pagesReadSince(batchId: number, since: string): { n: number; first: string | null } {
    return new JobRepository(this.db).doneOfGroupSince(batchJobGroup(batchId), 'page.read', since);
  }

  /** Each dossier of the batch at QC: approved (by whom, when) and its status (finalized once signed). */
  approvals(batchId: number): { dossierId: number; approvedBy: string | null; approvedAt: string | null; status: string }[] {
    return this.db
      .prepare(
        `SELECT f.dossier_id AS dossierId, f.approved_by AS approvedBy, f.approved_at AS approvedAt, d.status
         FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id WHERE f.batch_id = ? AND d.deleted_at IS NULL ORDER BY f.rel_path`,
      )
      .all(batchId) as { dossierId: number; approvedBy: string | null; approvedAt: string | null; status: string }[];
  }

  /** Withdraws the QC approval of a dossier (its pages changed since); true when there was one. */
  withdrawApproval(dossierId: number): boolean {
    return (
      this.db
        .prepare('UPDATE archive_folder SET approved_by = NULL, approved_at = NULL WHERE dossier_id = ? AND approved_at IS NOT NULL')
        .run(dossierId).changes > 0
    );
  }

  /** Approved dossiers of the batch not signed yet (a finalized or synced dossier has every record signed). */
  dossiersToSign(batchId: number): number[] {
    return (
      this.db
        .prepare(
          `SELECT f.dossier_id AS id FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id
           WHERE f.batch_id = ? AND f.approved_at IS NOT NULL AND d.deleted_at IS NULL AND d.status NOT IN ('finalized', 'synced') ORDER BY f.rel_path`,
        )
        .all(batchId) as { id: number }[]
    ).map((r) => r.id);
  }

  /** Replaces the batch's flags with those of the latest reconciliation. */
  replaceFlags(batchId: number, flags: ArchiveFlag[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM archive_flag WHERE batch_id = ?').run(batchId);
      const insert = this.db.prepare(
        'INSERT INTO archive_flag (batch_id, dossier_id, kind, box, archive_number, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const now = new Date().toISOString();
      for (const f of flags) insert.run(batchId, f.dossierId, f.kind, f.box, f.archiveNumber, JSON.stringify(f.details), now);
    })();
  }

  flags(batchId: number): ArchiveFlag[] {
    return (
      this.db
        .prepare(
          'SELECT kind, dossier_id AS dossierId, box, archive_number AS archiveNumber, details FROM archive_flag WHERE batch_id = ? ORDER BY id',
        )
        .all(batchId) as (Omit<ArchiveFlag, 'details'> & { details: string })[]
    ).map((f) => ({ ...f, details: JSON.parse(f.details) as Record<string, unknown> }));
  }
}

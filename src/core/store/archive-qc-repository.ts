import type { Db } from './database';

/** A page of a batch, with what QC judges it by. */
export interface QcPageRow {
  pageId: number;
  dossierId: number;
  dossierCode: string;
  box: string | null;
  archiveNumber: string | null;
  source: string | null;
  state: string;
  blank: number;
  confidence: number | null;
  flags: string;
  approved: string | null;
}

/** A reconciliation flag of a batch (a dossier, or a register row with no dossier). */
export interface QcFlagRow {
  kind: string;
  dossierId: number | null;
  dossierCode: string | null;
  box: string;
  archiveNumber: string;
  approved: string | null;
}

/** The QC station's reads and its approvals, over a batch's folders, pages and flags. */
export class ArchiveQcRepository {
  constructor(private readonly db: Db) {}

  /** Every page of the batch, folder by folder in page order. */
  pages(batchId: number): QcPageRow[] {
    return this.db
      .prepare(
        `SELECT p.id AS pageId, d.id AS dossierId, d.code AS dossierCode, d.box, d.archive_number AS archiveNumber, p.source, p.state, p.blank,
                p.ocr_confidence AS confidence, p.flags, f.approved_at AS approved
         FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id JOIN page p ON p.document_id = f.document_id
         WHERE f.batch_id = ? ORDER BY f.rel_path, p.position, p.id`,
      )
      .all(batchId) as QcPageRow[];
  }

  /** The batch's reconciliation flags, in the order they were raised. */
  flags(batchId: number): QcFlagRow[] {
    return this.db
      .prepare(
        `SELECT fl.kind, fl.dossier_id AS dossierId, d.code AS dossierCode, fl.box, fl.archive_number AS archiveNumber, f.approved_at AS approved
         FROM archive_flag fl LEFT JOIN dossier d ON d.id = fl.dossier_id LEFT JOIN archive_folder f ON f.dossier_id = fl.dossier_id
         WHERE fl.batch_id = ? ORDER BY fl.id`,
      )
      .all(batchId) as QcFlagRow[];
  }

  /** The batch's dossiers not approved yet. */
  unapproved(batchId: number): number[] {
    return (
      this.db.prepare('SELECT dossier_id AS id FROM archive_folder WHERE batch_id = ? AND approved_at IS NULL').all(batchId) as {
        id: number;
      }[]
    ).map((r) => r.id);
  }

  approve(batchId: number, dossierIds: readonly number[], by: string, at: string): void {
    const mark = this.db.prepare('UPDATE archive_folder SET approved_by = ?, approved_at = ? WHERE batch_id = ? AND dossier_id = ?');
    for (const id of dossierIds) mark.run(by, at, batchId, id);
  }
}

import type { DossierStatus, ReuseCandidate } from '../../shared/types';
import type { Db } from './database';
import { cachedStatement } from './statement-cache';
import { JobRepository } from './job-repository';

export interface FieldCorrection {
  name: string;
  value: string;
  ocrValue: string | null;
}

export interface CleanedImagesUpdate {
  cleanSha256: string;
  ocrImageSha256: string;
  thumbSha256: string | null;
  previewSha256: string | null;
  width: number;
  height: number;
  rotation: number;
}

/** What the clerk's desk changes: page order and rotation, reused documents, corrections, dossier status. */
export class DeskRepository {
  constructor(private readonly db: Db) {}

  reusedFrom(documentId: number): number | null {
    const r = this.db.prepare('SELECT reused_from AS reusedFrom FROM document WHERE id = ?').get(documentId) as
      { reusedFrom: number | null } | undefined;
    return r?.reusedFrom ?? null;
  }

  /** Documents with a record, in the applicant's other dossiers; reused copies are left out (their source is offered). */
  reuseCandidates(dossierId: number, cccd: string): ReuseCandidate[] {
    return this.db
      .prepare(
        `SELECT doc.id AS documentId, d.id AS dossierId, d.code AS dossierCode, doc.component, doc.title, doc.doc_kind AS docKind,
                r.id AS recordId, r.signed
         FROM document doc
         JOIN dossier d ON d.id = doc.dossier_id
         JOIN record r ON r.document_id = doc.id AND r.version = (SELECT max(version) FROM record WHERE document_id = doc.id)
         WHERE d.applicant_cccd = ? AND d.id != ? AND doc.reused_from IS NULL
           AND doc.id NOT IN (SELECT reused_from FROM document WHERE dossier_id = ? AND reused_from IS NOT NULL)
         ORDER BY d.id DESC, doc.position`,
      )
      .all(cccd, dossierId, dossierId)
      .map((r) => {
        const row = r as Omit<ReuseCandidate, 'signed'> & { signed: number };
        return { ...row, signed: row.signed === 1 };
      });
  }

  documentReusing(dossierId: number, sourceDocumentId: number): number | undefined {
    return (
      this.db.prepare('SELECT id FROM document WHERE dossier_id = ? AND reused_from = ?').get(dossierId, sourceDocumentId) as
        { id: number } | undefined
    )?.id;
  }

  /** A new document in `dossierId` standing for `source`, with its fields; the caller adds its record. */
  insertReusedDocument(dossierId: number, sourceDocumentId: number, component: string | null): number {
    const position = (
      this.db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM document WHERE dossier_id = ?').get(dossierId) as { p: number }
    ).p;
    const info = cachedStatement(
      this.db,
      `INSERT INTO document (dossier_id, position, component, title, doc_kind, doc_number, doc_date, fields, reused_from, created_at)
         SELECT ?, ?, coalesce(?, component), title, doc_kind, doc_number, doc_date, fields, id, ? FROM document WHERE id = ?`,
    ).run(dossierId, position, component, new Date().toISOString(), sourceDocumentId);
    return Number(info.lastInsertRowid);
  }

  countReused(dossierId: number): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM document WHERE dossier_id = ? AND reused_from IS NOT NULL').get(dossierId) as { n: number }
    ).n;
  }

  /** The page's cleaned images after a turn; OCR has to run again on them. */
  replaceCleanedImages(pageId: number, u: CleanedImagesUpdate): void {
    cachedStatement(
      this.db,
      `UPDATE page SET state = 'cleaned', clean_sha256 = @cleanSha256, ocr_image_sha256 = @ocrImageSha256, thumb_sha256 = @thumbSha256, preview_sha256 = @previewSha256,
           width = @width, height = @height, rotation = @rotation, text_sha256 = NULL, error = NULL WHERE id = @pageId`,
    ).run({ ...u, pageId });
  }

  /**
   * Removes a document added by mistake with its pages and unsigned records, unless something
   * else depends on it: a record signed here, a record in the outbox, another dossier reusing it.
   */
  removeDocument(
    documentId: number,
  ): { blocked: 'signed' | 'queued' | 'reused' } | { component: string | null; reusedFrom: number | null; pages: number; records: number } {
    const doc = this.db.prepare('SELECT component, reused_from AS reusedFrom FROM document WHERE id = ?').get(documentId) as {
      component: string | null;
      reusedFrom: number | null;
    };
    const count = (sql: string) => (this.db.prepare(sql).get(documentId) as { n: number }).n;
    if (count('SELECT count(*) AS n FROM document WHERE reused_from = ?') > 0) return { blocked: 'reused' };
    if (count('SELECT count(*) AS n FROM outbox_item WHERE record_id IN (SELECT id FROM record WHERE document_id = ?)') > 0)
      return { blocked: 'queued' };
    if (doc.reusedFrom === null && count('SELECT count(*) AS n FROM record WHERE document_id = ? AND signed = 1') > 0)
      return { blocked: 'signed' };
    const pages = count('SELECT count(*) AS n FROM page WHERE document_id = ?');
    new JobRepository(this.db).detachPageJobs(this.pageIds(documentId));
    this.db.prepare('DELETE FROM search_index WHERE page_id IN (SELECT id FROM page WHERE document_id = ?)').run(documentId);
    const records = cachedStatement(this.db, 'DELETE FROM record WHERE document_id = ?').run(documentId).changes;
    cachedStatement(this.db, 'DELETE FROM document WHERE id = ?').run(documentId);
    return { ...doc, pages, records };
  }

  deletePage(pageId: number): boolean {
    const page = this.db.prepare('SELECT document_id AS documentId FROM page WHERE id = ?').get(pageId) as
      { documentId: number } | undefined;
    if (!page) return false;
    this.db.prepare('DELETE FROM search_index WHERE page_id = ?').run(pageId);
    cachedStatement(this.db, 'DELETE FROM page WHERE id = ?').run(pageId);
    new JobRepository(this.db).detachPageJobs([pageId]);
    this.renumber(page.documentId, []);
    return true;
  }

  /** Puts the page at `position` (1-based) of `documentId`; both documents are renumbered. */
  movePage(pageId: number, documentId: number, position: number): boolean {
    const page = this.db.prepare('SELECT document_id AS documentId, position FROM page WHERE id = ?').get(pageId) as
      { documentId: number; position: number } | undefined;
    if (!page) return false;
    const order = this.pageIds(documentId).filter((id) => id !== pageId);
    const at = Math.min(Math.max(position, 1), order.length + 1) - 1;
    order.splice(at, 0, pageId);
    const before = this.pageIds(documentId);
    if (page.documentId === documentId && before.join() === order.join()) return false;
    cachedStatement(this.db, 'UPDATE page SET document_id = ?, position = -id WHERE id = ?').run(documentId, pageId);
    if (page.documentId !== documentId) new JobRepository(this.db).movePageJobs(pageId, documentId);
    this.renumber(documentId, order);
    if (page.documentId !== documentId) this.renumber(page.documentId, []);
    return true;
  }

  private pageIds(documentId: number): number[] {
    return (this.db.prepare('SELECT id FROM page WHERE document_id = ? ORDER BY position').all(documentId) as { id: number }[]).map(
      (r) => r.id,
    );
  }

  private renumber(documentId: number, order: number[]): void {
    const ids = order.length ? order : this.pageIds(documentId);
    const set = cachedStatement(this.db, 'UPDATE page SET position = ? WHERE id = ?');
    ids.forEach((id, i) => set.run(i + 1, id));
  }

  pendingJobsOfDocument(documentId: number): number {
    return new JobRepository(this.db).pendingOfDocument(documentId);
  }

  corrections(documentId: number): FieldCorrection[] {
    return this.db
      .prepare('SELECT name, value, ocr_value AS ocrValue FROM field_correction WHERE document_id = ?')
      .all(documentId) as FieldCorrection[];
  }

  setCorrection(documentId: number, c: FieldCorrection, by: string): void {
    this.db
      .prepare(
        `INSERT INTO field_correction (document_id, name, value, ocr_value, corrected_by, corrected_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (document_id, name) DO UPDATE SET value = excluded.value, corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at`,
      )
      .run(documentId, c.name, c.value, c.ocrValue, by, new Date().toISOString());
  }

  setDossierStatus(dossierId: number, status: DossierStatus): void {
    // Kept prepared: preparing an UPDATE of the status compiles the summary triggers it sets off, more than the write costs.
    cachedStatement(this.db, 'UPDATE dossier SET status = ?, updated_at = ? WHERE id = ?').run(status, new Date().toISOString(), dossierId);
  }
}

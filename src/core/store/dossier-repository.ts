import type { AgencyIdentity } from '../../shared/agency';
import type { Dossier, DossierKind, DossierPage, ScanProfile } from '../../shared/types';
import type { CodeParts } from '../dossier-code';
import type { Db } from './database';
import { cachedStatement } from './statement-cache';

export interface NewDossier {
  kind: DossierKind;
  procedureCode: string | null;
  applicantName: string | null;
  applicantCccd: string | null;
  applicantPhone: string | null;
  applicantAddress: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  workstationId: string;
  box?: string | null;
  archiveNumber?: string | null;
  year?: number | null;
  batchId?: number | null;
  /** The agency identity in force at intake, kept with the dossier. */
  agency?: AgencyIdentity | null;
}

const SELECT_DOSSIER = `
  SELECT d.id, d.code, d.kind, d.procedure_code AS procedureCode, p.name AS procedureName,
         d.applicant_name AS applicantName, d.applicant_cccd AS applicantCccd, d.applicant_phone AS applicantPhone,
         d.applicant_address AS applicantAddress, d.received_date AS receivedDate, d.due_date AS dueDate,
         d.status, d.created_at AS createdAt
  FROM dossier d LEFT JOIN procedure p ON p.code = d.procedure_code`;

export class DossierRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a dossier with the next code of its prefix. Call inside a transaction with anything that must go with it. */
  insert(d: NewDossier, code: CodeParts): Dossier {
    const seq = this.db
      .prepare(
        `INSERT INTO dossier_sequence (prefix, last) VALUES (?, 1)
         ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last`,
      )
      .get(code.prefix) as { last: number };
    const now = new Date().toISOString();
    const info = cachedStatement(
      this.db,
      `INSERT INTO dossier (code, kind, procedure_code, applicant_name, applicant_cccd, applicant_phone, applicant_address,
           received_date, due_date, box, archive_number, year, batch_id, workstation_id, agency, created_at, updated_at)
         VALUES (@code, @kind, @procedureCode, @applicantName, @applicantCccd, @applicantPhone, @applicantAddress,
           @receivedDate, @dueDate, @box, @archiveNumber, @year, @batchId, @workstationId, @agency, @now, @now)`,
    ).run({
      box: null,
      archiveNumber: null,
      year: null,
      batchId: null,
      ...d,
      agency: d.agency ? JSON.stringify(d.agency) : null,
      code: code.format(seq.last),
      now,
    });
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** The agency identity the dossier was taken in under; null for one taken in before the agency was a setting. */
  agencyOf(id: number): AgencyIdentity | null {
    const row = this.db.prepare('SELECT agency FROM dossier WHERE id = ?').get(id) as { agency: string | null } | undefined;
    return row?.agency ? (JSON.parse(row.agency) as AgencyIdentity) : null;
  }

  /** A dossier that has not been deleted. */
  get(id: number): Dossier | undefined {
    return this.db.prepare(`${SELECT_DOSSIER} WHERE d.id = ? AND d.deleted_at IS NULL`).get(id) as Dossier | undefined;
  }

  /** A dossier that has not been deleted, by its code. */
  byCode(code: string): Dossier | undefined {
    return this.db.prepare(`${SELECT_DOSSIER} WHERE d.code = ? AND d.deleted_at IS NULL`).get(code) as Dossier | undefined;
  }

  /**
   * Marks a dossier deleted, with who, when and why. Its documents, records and blobs are kept
   * (an archive keeps signed records for their retention period); it leaves every list and search.
   */
  markDeleted(id: number, by: string, reason: string, at: Date): void {
    cachedStatement(
      this.db,
      'UPDATE dossier SET deleted_at = ?, deleted_by = ?, deletion_reason = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
    ).run(at.toISOString(), by, reason, at.toISOString(), id);
  }

  /** What a deletion must record: the dossier's documents and the hashes of their signed records. */
  contents(id: number): {
    documents: { id: number; component: string | null; pages: number }[];
    records: { id: number; documentId: number; version: number; pdfSha256: string }[];
  } {
    const documents = this.db
      .prepare(
        'SELECT doc.id, doc.component, (SELECT count(*) FROM page p WHERE p.document_id = doc.id) AS pages FROM document doc WHERE doc.dossier_id = ? ORDER BY doc.position',
      )
      .all(id) as { id: number; component: string | null; pages: number }[];
    const records = this.db
      .prepare(
        'SELECT r.id, r.document_id AS documentId, r.version, r.pdf_sha256 AS pdfSha256 FROM record r JOIN document doc ON doc.id = r.document_id WHERE doc.dossier_id = ? ORDER BY r.id',
      )
      .all(id) as { id: number; documentId: number; version: number; pdfSha256: string }[];
    return { documents, records };
  }

  /** The newest dossiers, or those among `ids` (search matches), of one kind when `kind` is given. */
  list(limit: number, offset: number, only: { ids?: number[]; kind?: DossierKind } = {}): { items: Dossier[]; total: number } {
    const { ids, kind } = only;
    const ofKind = kind ? ' AND d.kind = ?' : '';
    const kindParam = kind ? [kind] : [];
    if (ids) {
      const matching = kind && ids.length ? this.idsOfKind(ids, kind) : ids;
      const page = matching.slice(offset, offset + limit);
      const items = page.length
        ? (this.db
            .prepare(`${SELECT_DOSSIER} WHERE d.id IN (${page.map(() => '?').join(',')}) AND d.deleted_at IS NULL ORDER BY d.id DESC`)
            .all(...page) as Dossier[])
        : [];
      return { items, total: matching.length };
    }
    const items = this.db
      .prepare(`${SELECT_DOSSIER} WHERE d.deleted_at IS NULL${ofKind} ORDER BY d.id DESC LIMIT ? OFFSET ?`)
      .all(...kindParam, limit, offset) as Dossier[];
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM dossier d WHERE d.deleted_at IS NULL${ofKind}`).get(...kindParam) as { n: number }
    ).n;
    return { items, total };
  }

  private idsOfKind(ids: number[], kind: DossierKind): number[] {
    const wanted = new Set(
      (
        this.db.prepare(`SELECT id FROM dossier WHERE kind = ? AND id IN (${ids.map(() => '?').join(',')})`).all(kind, ...ids) as {
          id: number;
        }[]
      ).map((r) => r.id),
    );
    return ids.filter((id) => wanted.has(id));
  }

  pages(dossierId: number): DossierPage[] {
    return this.db
      .prepare(
        `SELECT pg.id, pg.document_id AS documentId, pg.position, pg.image_sha256 AS imageSha256, pg.ocr_confidence AS ocrConfidence
         FROM page pg JOIN document doc ON doc.id = pg.document_id
         WHERE doc.dossier_id = ? ORDER BY doc.position, pg.position`,
      )
      .all(dossierId) as DossierPage[];
  }

  /**
   * Moves an open dossier along as its pages come and go: received (nothing captured), scanning
   * (a page still on its way through the pipeline), checking (every page read or failed, for the
   * clerk to check). A finalized, synced or returned dossier keeps its status.
   */
  settleWorkStatus(dossierId: number): void {
    cachedStatement(
      this.db,
      `UPDATE dossier SET status = next.status, updated_at = ?
         FROM (SELECT CASE
                 WHEN EXISTS (SELECT 1 FROM page pg JOIN document doc ON doc.id = pg.document_id WHERE doc.dossier_id = @id AND pg.state NOT IN ('read', 'failed')) THEN 'scanning'
                 WHEN EXISTS (SELECT 1 FROM page pg JOIN document doc ON doc.id = pg.document_id WHERE doc.dossier_id = @id)
                   OR EXISTS (SELECT 1 FROM record r JOIN document doc ON doc.id = r.document_id WHERE doc.dossier_id = @id) THEN 'checking'
                 ELSE 'received' END AS status) AS next
         WHERE dossier.id = @id AND dossier.status IN ('received', 'scanning', 'checking') AND dossier.status != next.status`,
    ).run(new Date().toISOString(), { id: dossierId });
  }

  /** The scanner settings the clerk last scanned this dossier with (a re-scan uses them). */
  scanProfile(dossierId: number): ScanProfile | null {
    const r = this.db.prepare('SELECT scan_profile AS p FROM dossier WHERE id = ?').get(dossierId) as { p: string | null } | undefined;
    return r?.p ? (JSON.parse(r.p) as ScanProfile) : null;
  }

  setScanProfile(dossierId: number, profile: ScanProfile): void {
    cachedStatement(this.db, 'UPDATE dossier SET scan_profile = ? WHERE id = ?').run(JSON.stringify(profile), dossierId);
  }

  /** Keeps the first time the dossier was finalized (a second run after an interruption changes nothing). */
  markFinalized(dossierId: number, at: string): void {
    cachedStatement(this.db, 'UPDATE dossier SET finalized_at = coalesce(finalized_at, ?) WHERE id = ?').run(at, dossierId);
  }

  /** The archive batch the dossier was taken in by; null for a dossier of the desk. */
  batchOf(dossierId: number): number | null {
    const row = this.db.prepare('SELECT batch_id AS batchId FROM dossier WHERE id = ?').get(dossierId) as
      { batchId: number | null } | undefined;
    return row?.batchId ?? null;
  }
}

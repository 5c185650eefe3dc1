import type { Dossier, DossierKind, DossierPage } from '../../shared/types';
import type { CodeParts } from '../dossier-code';
import type { Db } from './database';

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
    const info = this.db
      .prepare(
        `INSERT INTO dossier (code, kind, procedure_code, applicant_name, applicant_cccd, applicant_phone, applicant_address,
           received_date, due_date, box, archive_number, year, batch_id, workstation_id, created_at, updated_at)
         VALUES (@code, @kind, @procedureCode, @applicantName, @applicantCccd, @applicantPhone, @applicantAddress,
           @receivedDate, @dueDate, @box, @archiveNumber, @year, @batchId, @workstationId, @now, @now)`,
      )
      .run({ box: null, archiveNumber: null, year: null, batchId: null, ...d, code: code.format(seq.last), now });
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): Dossier | undefined {
    return this.db.prepare(`${SELECT_DOSSIER} WHERE d.id = ?`).get(id) as Dossier | undefined;
  }

  list(limit: number, offset: number, ids?: number[]): { items: Dossier[]; total: number } {
    if (ids) {
      const page = ids.slice(offset, offset + limit);
      const items = page.length ? (this.db.prepare(`${SELECT_DOSSIER} WHERE d.id IN (${page.map(() => '?').join(',')}) ORDER BY d.id DESC`).all(...page) as Dossier[]) : [];
      return { items, total: ids.length };
    }
    const items = this.db.prepare(`${SELECT_DOSSIER} ORDER BY d.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as Dossier[];
    const total = (this.db.prepare('SELECT count(*) AS n FROM dossier').get() as { n: number }).n;
    return { items, total };
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

  /** Keeps the first time the dossier was finalized (a second run after an interruption changes nothing). */
  markFinalized(dossierId: number, at: string): void {
    this.db.prepare('UPDATE dossier SET finalized_at = coalesce(finalized_at, ?) WHERE id = ?').run(at, dossierId);
  }
}

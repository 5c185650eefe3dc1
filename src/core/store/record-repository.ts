import type { Db } from './database';
import { cachedStatement } from './statement-cache';

export interface RecordRow {
  id: number;
  documentId: number;
  version: number;
  pdfSha256: string;
  signed: boolean;
  signer: string | null;
  signedAt: string | null;
}

const SELECT = `SELECT id, document_id AS documentId, version, pdf_sha256 AS pdfSha256, signed, signer, signed_at AS signedAt FROM record`;
const toRecord = (r: Omit<RecordRow, 'signed'> & { signed: number }): RecordRow => ({ ...r, signed: r.signed === 1 });

/** Versions of a document's PDF record. A new version never replaces an old one. */
export class RecordRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds a version unless the latest already has these exact bytes. `sohoaTimestamped`: the version is
   * SoHoa's document timestamp over a result (result.timestamp), what makes a result signed elsewhere digitized.
   */
  addVersion(
    documentId: number,
    pdfSha256: string,
    signed: { signer: string; signedAt: string } | null,
    { sohoaTimestamped = false }: { sohoaTimestamped?: boolean } = {},
  ): RecordRow {
    const latest = this.latest(documentId);
    if (latest?.pdfSha256 === pdfSha256) return latest;
    // Only a marked version names the column: the other writes run unchanged on a store not yet at migration 27 (its upgrade tests).
    const info = cachedStatement(
      this.db,
      `INSERT INTO record (document_id, version, pdf_sha256, signed, signer, signed_at, created_at${sohoaTimestamped ? ', sohoa_timestamped' : ''}) VALUES (?, ?, ?, ?, ?, ?, ?${sohoaTimestamped ? ', 1' : ''})`,
    ).run(
      documentId,
      (latest?.version ?? 0) + 1,
      pdfSha256,
      signed ? 1 : 0,
      signed?.signer ?? null,
      signed?.signedAt ?? null,
      new Date().toISOString(),
    );
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): RecordRow | undefined {
    const r = cachedStatement(this.db, `${SELECT} WHERE id = ?`).get(id) as (Omit<RecordRow, 'signed'> & { signed: number }) | undefined;
    return r && toRecord(r);
  }

  latest(documentId: number): RecordRow | undefined {
    const r = cachedStatement(this.db, `${SELECT} WHERE document_id = ? ORDER BY version DESC LIMIT 1`).get(documentId) as
      (Omit<RecordRow, 'signed'> & { signed: number }) | undefined;
    return r && toRecord(r);
  }

  /** How many signed versions the document has up to this version: what the clerk counts as signings. */
  signedCount(documentId: number, upToVersion: number): number {
    return (
      this.db
        .prepare('SELECT count(*) AS n FROM record WHERE document_id = ? AND signed = 1 AND version <= ?')
        .get(documentId, upToVersion) as {
        n: number;
      }
    ).n;
  }

  /** A signed record goes to the outbox for the hub; queuing it twice is a no-op. */
  enqueueForSync(recordId: number): void {
    const now = new Date().toISOString();
    cachedStatement(
      this.db,
      `INSERT INTO outbox_item (record_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (record_id) DO NOTHING`,
    ).run(recordId, now, now);
  }
}

import { Engine } from '../../../src/core/engine';
import type { RecordFactory } from './signed-records';

export interface SeededRecord {
  recordId: number;
  documentId: number;
  dossierCode: string;
  sha256: string;
  bytes: Uint8Array;
}

export interface SeedOptions {
  year?: number;
  status?: string;
  padding?: number;
  prefix?: string;
}

/** Puts `count` signed records (one dossier, one document each) in a workstation's store, queued for sync. */
export async function seedRecords(
  engine: Engine,
  factory: RecordFactory,
  count: number,
  options: SeedOptions = {},
): Promise<SeededRecord[]> {
  const { db } = engine.store;
  const procedure = (db.prepare('SELECT code FROM procedure ORDER BY code LIMIT 1').get() as { code: string } | undefined)?.code ?? null;
  // The agency the outbox declares for a dossier of this workstation (see OutboxRepository).
  const agencyCode =
    (
      db.prepare('SELECT agency_code AS code FROM workstation WHERE id = ?').get(engine.workstation.id) as
        { code: string | null } | undefined
    )?.code ?? null;
  const now = new Date().toISOString();
  const seeded: SeededRecord[] = [];
  for (let i = 0; i < count; i++) {
    const code = `${options.prefix ?? 'HS'}-${Date.now().toString(36)}-${seeded.length}-${Math.random().toString(36).slice(2, 8)}`;
    const bytes = await factory.signed(`${code} record`, options.padding, { dossierCode: code, procedureCode: procedure, agencyCode });
    const dossierId = Number(
      db
        .prepare(
          `INSERT INTO dossier (code, kind, procedure_code, status, year, workstation_id, created_at, updated_at) VALUES (?, 'archive', ?, ?, ?, ?, ?, ?)`,
        )
        .run(code, procedure, options.status ?? 'digitized', options.year ?? 2021, engine.workstation.id, now, now).lastInsertRowid,
    );
    const documentId = Number(
      db.prepare(`INSERT INTO document (dossier_id, position, title, created_at) VALUES (?, 1, 'Đơn đề nghị', ?)`).run(dossierId, now)
        .lastInsertRowid,
    );
    const sha256 = engine.store.blobs.put(bytes);
    const record = engine.store.records.addVersion(documentId, sha256, { signer: 'test', signedAt: now });
    engine.store.records.enqueueForSync(record.id);
    seeded.push({ recordId: record.id, documentId, dossierCode: code, sha256, bytes });
  }
  return seeded;
}

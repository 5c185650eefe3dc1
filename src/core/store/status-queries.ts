import type { Db } from './database';

export interface StoreCounts {
  dossiers: number;
  documents: number;
  pages: number;
  records: number;
  outbox: Record<string, number>;
}

/** Counts straight from the tables: nothing is kept as a counter that could drift. */
export function storeCounts(db: Db): StoreCounts {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const outbox: Record<string, number> = { waiting: 0, sending: 0, acknowledged: 0, rejected: 0 };
  for (const r of db.prepare('SELECT state, count(*) AS n FROM outbox_item GROUP BY state').all() as { state: string; n: number }[])
    outbox[r.state] = r.n;
  const dossiers = (db.prepare('SELECT count(*) AS n FROM dossier WHERE deleted_at IS NULL').get() as { n: number }).n;
  // "Signed records": the versions that carry a signature, as the outbox receives them; unsigned drafts are not records yet.
  const records = (db.prepare('SELECT count(*) AS n FROM record WHERE signed = 1').get() as { n: number }).n;
  return { dossiers, documents: count('document'), pages: count('page'), records, outbox };
}

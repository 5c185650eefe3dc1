/**
 * Where the server's CPU and WAL go when the hub keeps the province's figures, per commit, on one connection for the
 * commits and one for the folds (the backends' own CPU from /proc/<pid>/schedstat, nanoseconds; WAL from
 * pg_current_wal_insert_lsn): the records alone, and each way of keeping the figures in `variants`, in turn, after a
 * fill of the province (as bench/hub-indicators.bench.ts does). Each variant has its own pending table and fold; they
 * share the kept tables.
 *
 *   npx tsx bench/hub-pending-profile.ts [--rows 1000000] [--commits 500] [--rounds 4]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPool, migrateHub } from '../src/hub/hub-database';
import { HubRecordRepository, INSERT_MANY, RETURNED, recordInsertValues } from '../src/hub/hub-record-repository';
import { foldPendingIn } from '../src/hub/progress-figure-fold';
import { rebuildAggregates } from '../src/hub/progress-aggregate-check';
import { PENDING_DIMENSIONS, schema9FoldSql } from '../src/hub/progress-pending-schema';
import { recordFigureDeltas } from '../src/hub/record-figure-deltas';
import type { RecordDescriptor } from '../src/shared/sync-protocol';
import { startPostgres } from '../test/hub/support/postgres';
import { FILL, HAND_BACK_FILL, withIndexesRebuilt, recordGenerator } from './support/hub-fill';

const { values } = parseArgs({ options: { rows: { type: 'string' }, commits: { type: 'string' }, rounds: { type: 'string' } } });
const ROWS = Number(values.rows ?? 1_000_000);
const COMMITS = Number(values.commits ?? 500);
const ROUNDS = Number(values.rounds ?? 4);
const CHUNK = 250_000;
const BATCH = 16;

const record = recordGenerator({ key: 'profile', dossier: 'PRF', shaFill: 'c' });

interface Variant {
  name: string;
  setup?: string;
  commit(client: pg.Client, ws: string, batch: RecordDescriptor[]): Promise<unknown>;
  /** The fold of this variant's pending rows, in the caller's transaction; null: nothing to fold. */
  fold: ((client: pg.Client) => Promise<unknown>) | null;
  pendingTable?: string;
}

const recordColumns = (ws: string, records: RecordDescriptor[]) => recordInsertValues(ws, 'upload', records);

/** A second pending table of the hub's shape, for a row of empty arrays: what appending a row costs at the least. */
const EMPTY_SETUP = 'CREATE TABLE progress_pending_empty (LIKE progress_pending INCLUDING DEFAULTS)';
const EMPTY_COMMIT = `WITH pending AS (INSERT INTO progress_pending_empty (workstation_id, records, bytes) VALUES ($1, $15, $16))
${INSERT_MANY}`;
/** Schema 9's statement shape with schema 10's row: the insert in a CTE the statement reads, the row appended beside it. */
const SCHEMA_10_ROW_IN_9_SHAPE = `WITH c AS (${INSERT_MANY}),
pending AS (INSERT INTO progress_pending_shape (workstation_id, records, bytes, dimension, key, cell_records, cell_bytes, result_dossier)
  VALUES ($1, $15, $16, $17::smallint[], $18::text[], $19::int[], $20::bigint[], $21::text[]))
SELECT ${RETURNED} FROM c`;

/** Schema 9's pending row and fold, on a table of its own (the code before schema 10), for comparison in the same run. */
const SCHEMA_9_SETUP = `CREATE TABLE progress_pending_9 (workstation_id TEXT NOT NULL, dimension TEXT[] NOT NULL, key TEXT[] NOT NULL,
  records BIGINT[] NOT NULL, bytes BIGINT[] NOT NULL, result_dossier TEXT[] NOT NULL DEFAULT '{}', result_records BIGINT[] NOT NULL DEFAULT '{}')`;
const SCHEMA_9_COMMIT = `
WITH c AS (${INSERT_MANY}),
pending AS (
  INSERT INTO progress_pending_9 (workstation_id, dimension, key, records, bytes, result_dossier, result_records)
  SELECT $1::text, $15::text[] || 'day'::text, $16::text[] || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
         $17::bigint[] || $21::bigint, $18::bigint[] || $22::bigint, $19::text[], $20::bigint[])
SELECT ${RETURNED} FROM c`;
const SCHEMA_9_FOLD = schema9FoldSql('progress_pending_9');
/** Schema 9's deltas: every cell with its dimension's name, the total's among them, and the result records per dossier. */
const schema9Deltas = (records: RecordDescriptor[]) => {
  const d = recordFigureDeltas(records);
  const dossiers = new Map<string, number>();
  for (const x of d.resultDossier) dossiers.set(x, (dossiers.get(x) ?? 0) + 1);
  return [
    ['total', ...d.dimension.map((x) => PENDING_DIMENSIONS[x - 1]!)],
    [null, ...d.key],
    [d.total.records, ...d.records],
    [d.total.bytes, ...d.bytes],
    [...dossiers.keys()],
    [...dossiers.values()],
    d.total.records,
    d.total.bytes,
  ];
};

const variants: Variant[] = [
  {
    name: 'schema 9',
    setup: SCHEMA_9_SETUP,
    commit: (client, ws, batch) =>
      client.query({ name: 'schema-9-commit', text: SCHEMA_9_COMMIT, values: [...recordColumns(ws, batch), ...schema9Deltas(batch)] }),
    fold: (client) => client.query({ name: 'schema-9-fold', text: SCHEMA_9_FOLD }),
    pendingTable: 'progress_pending_9',
  },
  {
    name: 'records alone',
    commit: (client, ws, batch) => new HubRecordRepository(client).commitMany(ws, batch, 'upload'),
    fold: null,
  },
  {
    name: 'the hub (schema 10)',
    commit: (client, ws, batch) => new HubRecordRepository(client).commitMany(ws, batch, 'upload', { keepFigures: true }),
    fold: (client) => foldPendingIn(client),
    pendingTable: 'progress_pending',
  },
  {
    name: "schema 10's row, 9's shape",
    setup: 'CREATE TABLE progress_pending_shape (LIKE progress_pending INCLUDING DEFAULTS)',
    commit: (client, ws, batch) => {
      const d = recordFigureDeltas(batch);
      return client.query({
        name: 'shape-commit',
        text: SCHEMA_10_ROW_IN_9_SHAPE,
        values: [...recordColumns(ws, batch), d.total.records, d.total.bytes, d.dimension, d.key, d.records, d.bytes, d.resultDossier],
      });
    },
    fold: (client) => client.query('DELETE FROM progress_pending_shape'),
    pendingTable: 'progress_pending_shape',
  },
  {
    name: 'a row of empty arrays',
    setup: EMPTY_SETUP,
    commit: (client, ws, batch) =>
      client.query({
        name: 'empty-commit',
        text: EMPTY_COMMIT,
        values: [...recordColumns(ws, batch), batch.length, batch.reduce((a, r) => a + r.size, 0)],
      }),
    fold: (client) => client.query('DELETE FROM progress_pending_empty'),
    pendingTable: 'progress_pending_empty',
  },
];

const cpuNs = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
const wal = async (c: pg.Client) =>
  BigInt((await c.query<{ b: string }>(`SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn AS b`)).rows[0]!.b);

console.log(`load average ${loadavg().map((l) => l.toFixed(2))}`);
const postgres = await startPostgres();
const url = await postgres.createDatabase('profile');
const pool = createPool(url);
const committing = new pg.Client({ connectionString: url });
const folding = new pg.Client({ connectionString: url });
try {
  await migrateHub(pool);
  await withIndexesRebuilt(pool, 'record', () =>
    withIndexesRebuilt(pool, 'hand_back', async () => {
      for (let from = 1; from <= ROWS; from += CHUNK) {
        const range = [from, Math.min(ROWS, from + CHUNK - 1)];
        await pool.query(FILL, range);
        await pool.query(HAND_BACK_FILL, range);
      }
    }),
  );
  await rebuildAggregates(pool);
  for (const v of variants) if (v.setup) await pool.query(v.setup);
  await pool.query('VACUUM ANALYZE');
  await committing.connect();
  await folding.connect();
  const pid = async (c: pg.Client) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const commitPid = await pid(committing);
  const foldPid = await pid(folding);

  const totals = new Map<
    string,
    { commitNs: number; foldNs: number; vacuumNs: number; commitWal: bigint; foldWal: bigint; commits: number }
  >();
  const total = (v: Variant) => {
    let t = totals.get(v.name);
    if (!t) totals.set(v.name, (t = { commitNs: 0, foldNs: 0, vacuumNs: 0, commitWal: 0n, foldWal: 0n, commits: 0 }));
    return t;
  };
  // The variants' commits interleaved one by one (the same tables, the same moment), each one's backend CPU and WAL
  // measured around it; then each variant's fold.
  const round = async (count: boolean) => {
    for (let i = 0; i < COMMITS * variants.length; i++) {
      // Each variant in each place of the turn by rotation: none always follows the same one.
      const turn = Math.floor(i / variants.length);
      const v = variants[(i + turn) % variants.length]!;
      const w = turn % 8;
      const batch = Array.from({ length: BATCH }, () => record(w));
      const w0 = await wal(folding);
      const c0 = cpuNs(commitPid);
      await committing.query('BEGIN');
      await v.commit(committing, `ws-${w * 7}`, batch);
      await committing.query('COMMIT');
      const c1 = cpuNs(commitPid);
      const w1 = await wal(folding);
      if (!count) continue;
      const t = total(v);
      t.commitNs += c1 - c0;
      t.commitWal += w1 - w0;
      t.commits += 1;
      perCommit.get(v.name)!.push(c1 - c0);
    }
    for (const v of variants) {
      const w1 = await wal(folding);
      const f0 = cpuNs(foldPid);
      if (v.fold) {
        await folding.query('BEGIN');
        await v.fold(folding);
        await folding.query('COMMIT');
      }
      const f1 = cpuNs(foldPid);
      const w2 = await wal(folding);
      if (v.pendingTable) await folding.query(`VACUUM (TRUNCATE false) ${v.pendingTable}`);
      const vacuumNs = cpuNs(foldPid) - f1;
      if (!count) continue;
      const t = total(v);
      t.foldNs += f1 - f0;
      t.vacuumNs += vacuumNs;
      t.foldWal += w2 - w1;
    }
  };
  const perCommit = new Map(variants.map((v) => [v.name, [] as number[]]));
  await round(false);
  for (let r = 0; r < ROUNDS; r++) await round(true);
  const alone = totals.get('records alone')!;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const aloneMedian = median(perCommit.get('records alone')!);
  for (const [name, t] of totals) {
    const us = (ns: number) => (ns / t.commits / 1000).toFixed(1);
    const all = t.commitNs + t.foldNs + t.vacuumNs;
    console.log(
      `${name.padEnd(24)} per commit of ${BATCH}: commit ${us(t.commitNs)} µs, fold ${us(t.foldNs)} µs, vacuum ${us(t.vacuumNs)} µs, all ${us(all)} µs; WAL commit ${Number(t.commitWal) / t.commits} B, fold ${Number(t.foldWal) / t.commits} B; alone ÷ this ×${(alone.commitNs / t.commits / (all / t.commits)).toFixed(3)}; commit median ${(median(perCommit.get(name)!) / 1000).toFixed(1)} µs, alone's median ÷ (this median + fold + vacuum) ×${(aloneMedian / (median(perCommit.get(name)!) + (t.foldNs + t.vacuumNs) / t.commits)).toFixed(3)}`,
    );
  }
  // Whether PostgreSQL plans each statement once (generic) or at every execution (custom): planning is CPU too.
  const { rows: plans } = await committing.query(`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name`);
  console.table(plans);
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2))}`);
} finally {
  await committing.end().catch(() => undefined);
  await folding.end().catch(() => undefined);
  await pool.end();
  postgres.stop();
}

/**
 * The province's figures on the hub at scale: fills a real PostgreSQL with generated records of 100
 * workstations and their hand-backs (server-side, `INSERT … SELECT generate_series` in chunks, the rows ingest would
 * store), then fills the figures once from them (the rebuild), then times each province query as the hub runs it
 * (from the kept figures) and, as the reference in the same run, /progress as it was before (every cell counted from
 * the records). Then ingest through the hub's commit (batches of records from concurrent workstations, one transaction
 * each) keeping the figures (record-committer.ts: appended by each commit, computed by the committer, folded in the
 * background, schema 8) and, alternating, the same transaction writing only the records, and the ratio; then /progress
 * timed while a further round ingests and the fold runs every second; then a recount check and a rebuild.
 *
 *   npx tsx bench/hub-indicators.bench.ts [--rows 10000000] [--runs 5] [--ingest 30000] [--batch 16] [--rounds 4] [--concurrency 8] [--hold-fold]
 *
 * Ingest is measured in --rounds pairs (with, without; the order swapped every pair) after a warm-up of one round of
 * each, and PostgreSQL's wait events are sampled meanwhile (pg_stat_activity, every 5 ms): where a commit's time goes.
 *
 * --hold-fold runs no fold while a round ingests and one after it (its rate then leaves the fold out): the server's CPU
 * before that fold is the commits', told apart from the fold's.
 *
 * A workstation's batch upload sends up to 64 records per request (BATCH_UPLOAD.maxRecords); --batch sets the records per commit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { createPool, migrateHub } from '../src/hub/hub-database';
import { HubHandBackRepository } from '../src/hub/hub-hand-back-repository';
import { HubRecordRepository } from '../src/hub/hub-record-repository';
import { inHubTransaction } from '../src/hub/hub-transaction';
import { aggregateDifferences, rebuildAggregates } from '../src/hub/progress-aggregate-check';
import { ProgressFolder } from '../src/hub/progress-folder';
import { RecordCommitter } from '../src/hub/record-committer';
import type { RecordDescriptor } from '../src/shared/sync-protocol';
import { startPostgres } from '../test/hub/support/postgres';
import { FILL, HAND_BACK_FILL, WORKSTATIONS, withIndexesRebuilt, recordGenerator } from './support/hub-fill';

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    runs: { type: 'string' },
    ingest: { type: 'string' },
    batch: { type: 'string' },
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    'hold-fold': { type: 'boolean' },
  },
});
const ROWS = Number(values.rows ?? 10_000_000);
const RUNS = Number(values.runs ?? 5);
const INGEST = Number(values.ingest ?? 30_000);
const CHUNK = 250_000;
const BATCH = Number(values.batch ?? 16);
const CONCURRENCY = Number(values.concurrency ?? 8);
const ROUNDS = Number(values.rounds ?? 4);
/** --hold-fold: no fold while a round ingests, one after it, so the commits' share of the figures' cost is told from the fold's. */
const HOLD_FOLD = values['hold-fold'] === true;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The report as the hub computed it before the kept figures: every cell counted from the records (the reference). */
async function progressFromRecords(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT count(*), sum(size), count(DISTINCT workstation_id) FROM record');
  await pool.query('SELECT count(*), count(DISTINCT (workstation_id, dossier_code)) FROM record WHERE is_result');
  for (const expr of ['agency_code', 'procedure_code', 'year::text', 'status', "to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"])
    await pool.query(`SELECT ${expr}, count(*), sum(size) FROM record GROUP BY 1 ORDER BY 1 NULLS LAST`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

// A sync sends what a desk made: runs of dossiers of one procedure, all of the workstation's agency.
const record = recordGenerator({ key: 'ingest', dossier: 'ING', shaFill: 'b' });

/**
 * Samples what the active backends (other than the sampler) wait on, every 5 ms, into `into` ('CPU' when on no wait event):
 * row-lock waits show as Lock:transactionid or Lock:tuple, advisory locks as Lock:advisory.
 */
function sampleWaits(pool: pg.Pool, into: Map<string, number>): { stop(): Promise<void> } {
  let running = true;
  const done = (async () => {
    const client = await pool.connect();
    try {
      while (running) {
        const { rows } = await client.query<{ w: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
            WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        );
        for (const { w } of rows) into.set(w, (into.get(w) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      client.release();
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}

const describeWaits = (waits: Map<string, number>) => {
  const total = [...waits.values()].reduce((a, b) => a + b, 0);
  return [...waits.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([w, n]) => `${w} ${((100 * n) / total).toFixed(0)}%`)
    .join(', ');
};

const ticks = (stat: string) =>
  stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);

/**
 * CPU seconds the PostgreSQL server has used so far (the postmaster, the children it reaped, and its living backends,
 * from /proc): the work a round made the server do, which the other processes on a shared machine do not change as
 * they change a round's duration.
 */
async function serverCpuSeconds(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  // After the ')' closing the name: state (0), ppid (1), … utime (11), stime (12), cutime (13), cstime (14).
  const postmaster = ticks(readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8'))[1]!;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let f: number[];
    try {
      f = ticks(readFileSync(`/proc/${entry}/stat`, 'utf8'));
    } catch {
      continue; // ended meanwhile: its time is in the postmaster's reaped children
    }
    if (Number(entry) === postmaster) total += f[11]! + f[12]! + f[13]! + f[14]!;
    else if (f[1] === postmaster) total += f[11]! + f[12]!;
  }
  return total / 100; // USER_HZ
}

/** Where the server's write-ahead log is now, in bytes: the difference over a round is the WAL its commits (and folds) wrote. */
async function walBytes(pool: pg.Pool): Promise<bigint> {
  const { rows } = await pool.query<{ b: string }>(`SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn AS b`);
  return BigInt(rows[0]!.b);
}

/** How many times autovacuum has vacuumed and analysed each table so far. */
async function autovacuumRuns(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ relname: string; n: string }>(
    'SELECT relname, autovacuum_count + autoanalyze_count AS n FROM pg_stat_user_tables',
  );
  return new Map(rows.map((r) => [r.relname, Number(r.n)]));
}

/**
 * The tables autovacuum vacuumed or analysed between `before` and now: its work lands in whichever round it falls in and
 * is counted in that round's server CPU (a vacuum and analyse of `record` at 1M records weighs as much as the figures).
 */
async function autovacuumSince(pool: pg.Pool, before: Map<string, number>): Promise<string> {
  const after = await autovacuumRuns(pool);
  const tables = [...after].filter(([t, n]) => n > (before.get(t) ?? 0)).map(([t]) => t);
  return tables.length > 0 ? `; autovacuum ran on ${tables.join(', ')}` : '';
}

type Commit = (workstationId: string, records: RecordDescriptor[]) => Promise<unknown>;

/** /progress as the hub serves it (both queries) timed every `everyMs` while `fn` runs, with the commits pending at that instant. */
async function progressTimedDuring(pool: pg.Pool, everyMs: number, fn: () => Promise<unknown>) {
  const readings: { ms: number; pending: number }[] = [];
  let running = true;
  const client = await pool.connect();
  const sampling = (async () => {
    while (running) {
      const ms = await timed(async () => {
        await new HubRecordRepository(client).progress();
        await new HubHandBackRepository(client).counts();
      });
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_pending');
      readings.push({ ms, pending: rows[0]!.n });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  try {
    await fn();
  } finally {
    running = false;
    await sampling;
    client.release();
  }
  return readings;
}

/** `count` records committed by CONCURRENCY workstations at once, BATCH per commit: records per second. */
async function ingest(commit: Commit, count: number): Promise<number> {
  let left = count;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (left > 0) {
        const n = Math.min(BATCH, left);
        left -= n;
        await commit(
          `ws-${w * 7}`,
          Array.from({ length: n }, () => record(w * 7)),
        );
      }
    }),
  );
  return count / ((performance.now() - t) / 1000);
}

console.log(`load average ${load()} (1, 5, 15 min; the machine may be shared)`);
const postgres = await startPostgres();
const pool = createPool(await postgres.createDatabase('province'));
try {
  await migrateHub(pool);
  const records = new HubRecordRepository(pool);
  const handBacks = new HubHandBackRepository(pool);
  const filled = performance.now();
  await withIndexesRebuilt(pool, 'record', () =>
    withIndexesRebuilt(pool, 'hand_back', async () => {
      for (let from = 1; from <= ROWS; from += CHUNK) {
        const range = [from, Math.min(ROWS, from + CHUNK - 1)];
        await pool.query(FILL, range);
        await pool.query(HAND_BACK_FILL, range);
      }
    }),
  );
  const fillS = (performance.now() - filled) / 1000;
  const rebuilt = performance.now();
  await rebuildAggregates(pool);
  const rebuildS = (performance.now() - rebuilt) / 1000;
  await pool.query('VACUUM ANALYZE');
  const count = async (table: string) => (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
  console.log(
    `filled ${ROWS} records and ${await count('hand_back')} hand-backs of ${WORKSTATIONS} workstations in ${fillS.toFixed(0)} s (${(ROWS / fillS).toFixed(0)} records/s); figures filled once in ${rebuildS.toFixed(0)} s: ${await count('progress_aggregate')} kept rows (load ${load()})`,
  );

  // Each province query as /progress runs it (hub-server.ts), and the report as counted from the records (the reference).
  const queries = {
    'progress (per agency, procedure, year, status, day; results)': () => records.progress(),
    'hand-backs': () => handBacks.counts(),
  };
  const times: number[] = [];
  for (const [name, query] of Object.entries(queries)) {
    await query();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) ms.push(await timed(query));
    times.push(median(ms));
    console.log(
      `query ${name}: ${median(ms).toFixed(1)} ms (median of ${RUNS}, slowest ${Math.max(...ms).toFixed(1)}; target < 300 ms; load ${load()})`,
    );
  }
  const fromKept = times.reduce((a, b) => a + b, 0);
  const reference: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) reference.push(await timed(() => progressFromRecords(pool)));
  console.log(
    `/progress from the kept figures ${fromKept.toFixed(1)} ms (both queries); counted from the records (before) ${median(reference).toFixed(0)} ms (median of ${reference.length}); ×${(median(reference) / fromKept).toFixed(0)} (load ${load()})`,
  );

  // Ingest through the hub's commit, keeping the figures and writing the records alone, alternating after an uncounted warm-up.
  // As the hub runs it (hub-server.ts): the commits append their figures, a fold adds them into the kept rows in the background.
  const folder = new ProgressFolder(pool);
  folder.start();
  const committer = new RecordCommitter(pool, HOLD_FOLD ? undefined : folder);
  const modes: Record<'with' | 'without', Commit> = {
    with: (ws, batch) => committer.commitMany(ws, batch, 'upload'),
    without: (ws, batch) => inHubTransaction(pool, (client) => new HubRecordRepository(client).commitMany(ws, batch, 'upload')),
  };
  await ingest(modes.with, INGEST);
  await ingest(modes.without, INGEST);
  const rate: Record<'with' | 'without', number[]> = { with: [], without: [] };
  const waits: Record<'with' | 'without', Map<string, number>> = { with: new Map(), without: new Map() };
  const cpuPerRecord: Record<'with' | 'without', number[]> = { with: [], without: [] };
  const walPerRecord: Record<'with' | 'without', number[]> = { with: [], without: [] };
  const commitCpuPerRecord: Record<'with' | 'without', number[]> = { with: [], without: [] };
  for (let round = 0; round < 2 * ROUNDS; round++) {
    // with, without; without, with; …: neither mode always runs first in its pair.
    const mode = (round % 2 === 0) === (Math.floor(round / 2) % 2 === 0) ? 'with' : 'without';
    const sampling = sampleWaits(pool, waits[mode]);
    const autovacuum = await autovacuumRuns(pool);
    const cpu = await serverCpuSeconds(pool);
    const wal = await walBytes(pool);
    const r = await ingest(modes[mode], INGEST);
    commitCpuPerRecord[mode].push(((await serverCpuSeconds(pool)) - cpu) / INGEST);
    // A fold still running belongs to this round's work.
    if (mode === 'with') await folder.fold();
    const serverCpu = (await serverCpuSeconds(pool)) - cpu;
    const walPer = Number((await walBytes(pool)) - wal) / INGEST;
    await sampling.stop();
    const autovacuumed = await autovacuumSince(pool, autovacuum);
    rate[mode].push(r);
    cpuPerRecord[mode].push(serverCpu / INGEST);
    walPerRecord[mode].push(walPer);
    console.log(
      `ingest ${mode === 'with' ? 'keeping the figures' : 'records alone     '}: ${r.toFixed(0)} records/s, server CPU ${((1000 * serverCpu) / INGEST).toFixed(3)} ms, WAL ${walPer.toFixed(0)} bytes per record (${INGEST} records, ${CONCURRENCY} workstations at once, ${BATCH} per commit; load ${load()}${autovacuumed})`,
    );
  }
  for (const mode of ['with', 'without'] as const)
    console.log(`wait events while ingesting ${mode} the figures: ${describeWaits(waits[mode])}`);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pairs = rate.with.map((w, i) => w / rate.without[i]!);
  console.log(
    `ingest keeping the figures ÷ records alone: ×${(mean(rate.with) / mean(rate.without)).toFixed(2)} (means of ${ROUNDS} rounds each); median of the pairs ×${median(pairs).toFixed(2)} (per pair ${pairs.map((p) => p.toFixed(2)).join(' ')}); target ≥ 0.9`,
  );
  const cpuPairs = cpuPerRecord.without.map((w, i) => w / cpuPerRecord.with[i]!);
  console.log(
    `server CPU per record, records alone ÷ keeping the figures (the ingest speed a CPU-bound server would get): ×${(mean(cpuPerRecord.without) / mean(cpuPerRecord.with)).toFixed(2)}; median of the pairs ×${median(cpuPairs).toFixed(2)} (per pair ${cpuPairs.map((p) => p.toFixed(2)).join(' ')})`,
  );

  if (HOLD_FOLD)
    console.log(
      `server CPU per record of the commits alone (--hold-fold: each round folded after it), records alone ÷ keeping the figures: ×${(mean(commitCpuPerRecord.without) / mean(commitCpuPerRecord.with)).toFixed(2)}; the fold's share, per record: ${(1000 * (mean(cpuPerRecord.with) - mean(commitCpuPerRecord.with))).toFixed(4)} ms`,
    );
  console.log(
    `WAL per record, median of ${ROUNDS} rounds: keeping the figures ${median(walPerRecord.with).toFixed(0)} bytes, records alone ${median(walPerRecord.without).toFixed(0)} bytes (full-page images after a checkpoint make single rounds scatter)`,
  );

  // /progress read while workstations commit and the folder folds every second, as a supervisor sees it on a busy hub.
  const readings = await progressTimedDuring(pool, 100, () => ingest(modes.with, INGEST));
  const readMs = readings.map((x) => x.ms);
  console.log(
    `/progress while ingesting (${HOLD_FOLD ? 'no fold: --hold-fold' : 'fold every second'}): ${readings.length} reads, median ${median(readMs).toFixed(1)} ms, slowest ${Math.max(...readMs).toFixed(1)} ms (target < 300 ms), commits pending at a read: median ${median(readings.map((x) => x.pending))}, most ${Math.max(...readings.map((x) => x.pending))} (load ${load()})`,
  );

  await folder.stop();
  const pendingTable = (await pool.query<{ n: string }>(`SELECT pg_relation_size('progress_pending') AS n`)).rows[0]!.n;
  const pending = await count('progress_pending');
  const progressWithPending = await timed(() => records.progress());
  await folder.fold();
  console.log(
    `after ingest: ${pending} commits pending (the pending table ${(Number(pendingTable) / 1024).toFixed(0)} kB), /progress read with them ${progressWithPending.toFixed(1)} ms; folded, ${(await timed(() => records.progress())).toFixed(1)} ms (load ${load()})`,
  );
  // Whether a slow read right after ingest is the planner's statistics or the new rows not yet vacuumed (autovacuum does both later).
  await pool.query('ANALYZE');
  console.log(`after ANALYZE: /progress ${(await timed(() => records.progress())).toFixed(1)} ms (load ${load()})`);
  await pool.query('VACUUM');
  console.log(`after VACUUM too: /progress ${(await timed(() => records.progress())).toFixed(1)} ms (load ${load()})`);

  // The rounds that wrote the records alone left them uncounted: the check finds them, the rebuild counts them.
  const check = performance.now();
  const differences = await aggregateDifferences(pool);
  console.log(
    `recount check ${((performance.now() - check) / 1000).toFixed(1)} s: ${differences.length} differences (the rounds that wrote the records alone)`,
  );
  const rebuild = performance.now();
  await rebuildAggregates(pool);
  console.log(
    `rebuilt in ${((performance.now() - rebuild) / 1000).toFixed(1)} s; differences after: ${(await aggregateDifferences(pool)).length}`,
  );
  console.log(`load average at the end ${load()}`);
} finally {
  await pool.end();
  postgres.stop();
}

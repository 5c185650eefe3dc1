/**
 * Where the hub's figure-keeping triggers spend their time at scale: fills a real PostgreSQL with generated
 * records (as bench/hub-indicators.bench.ts does), then commits batches on one connection and prints the plan,
 * time and buffers of each statement the triggers run (auto_explain, nested statements), the aggregate
 * tables' update counters (HOT or not, dead rows) and sizes, and the time per commit with and without the
 * triggers, and with the functions of schema 5 and of schema 6, one connection, in turn. The hub as schema 6 left it
 * (schema 7 dropped the triggers for the commit's own statements: bench/hub-indicators.bench.ts measures those).
 *
 *   npx tsx bench/hub-trigger-profile.ts [--rows 1000000] [--commits 300]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPool, migrateHub } from '../src/hub/hub-database';
import { hubMigrations } from '../src/hub/hub-schema';
import { HubRecordRepository } from '../src/hub/hub-record-repository';
import {
  PROGRESS_FUNCTIONS_V5_SQL,
  PROGRESS_FUNCTIONS_V6_SQL,
  PROGRESS_TRIGGERS,
  PROGRESS_TRIGGERS_SQL,
} from '../src/hub/progress-aggregate-schema';
import { startPostgres } from '../test/hub/support/postgres';
import { FILL, WORKSTATIONS, recordGenerator } from './support/hub-fill';

const { values } = parseArgs({ options: { rows: { type: 'string' }, commits: { type: 'string' } } });
const ROWS = Number(values.rows ?? 1_000_000);
const COMMITS = Number(values.commits ?? 300);
const CHUNK = 250_000;
const BATCH = 16;

const record = recordGenerator({ key: 'profile', dossier: 'PRF', shaFill: 'c' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`load average ${loadavg().map((l) => l.toFixed(2))}`);
const postgres = await startPostgres();
const url = await postgres.createDatabase('profile');
const pool = createPool(url);
const client = new pg.Client({ connectionString: url });
try {
  await migrateHub(
    pool,
    hubMigrations.filter((m) => m.version <= 6),
  );
  const t = performance.now();
  for (let from = 1; from <= ROWS; from += CHUNK) await pool.query(FILL, [from, Math.min(ROWS, from + CHUNK - 1)]);
  await pool.query('VACUUM ANALYZE');
  console.log(`filled ${ROWS} records of ${WORKSTATIONS} workstations in ${((performance.now() - t) / 1000).toFixed(0)} s`);

  await client.connect();
  const repo = new HubRecordRepository(client);
  for (let i = 0; i < 20; i++)
    await repo.commitMany(
      `ws-${(i % 8) * 7}`,
      Array.from({ length: BATCH }, () => record(i % 8)),
      'upload',
    );
  const notices: string[] = [];
  client.on('notice', (n) => notices.push(n.message ?? ''));
  await client.query(`LOAD 'auto_explain'`);
  for (const s of ['log_min_duration = 0', 'log_analyze = on', 'log_buffers = on', 'log_nested_statements = on', 'log_level = notice'])
    await client.query(`SET auto_explain.${s}`);
  await repo.commitMany(
    'ws-7',
    Array.from({ length: BATCH }, () => record(1)),
    'upload',
  );
  await client.query('SET auto_explain.log_min_duration = -1');
  console.log(notices.join('\n\n'));

  const stats = async (label: string) => {
    const { rows } = await client.query(
      `SELECT relname, n_live_tup, n_dead_tup, n_tup_ins, n_tup_upd, n_tup_hot_upd, pg_size_pretty(pg_relation_size(relid)) AS heap,
              pg_size_pretty(pg_indexes_size(relid)) AS indexes
       FROM pg_stat_user_tables WHERE relname IN ('record', 'progress_aggregate', 'progress_result_dossier') ORDER BY relname`,
    );
    console.log(label);
    console.table(rows);
  };
  await stats('before the timed commits');

  // The trigger functions as schema 5 made them, none, and as schema 6 makes them, in turn on one connection.
  const modes = ['schema 5', 'none', 'schema 6'] as const;
  const ms: Record<(typeof modes)[number], number[]> = { 'schema 5': [], none: [], 'schema 6': [] };
  // The backend's own CPU time (Linux /proc, clock ticks of 10 ms): steadier than wall time on a shared machine.
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const cpu: Record<(typeof modes)[number], number> = { 'schema 5': 0, none: 0, 'schema 6': 0 };
  for (let round = 0; round < 6; round++) {
    const mode = modes[round % 3]!;
    if (mode === 'none') for (const [name, table] of PROGRESS_TRIGGERS) await client.query(`DROP TRIGGER ${name} ON ${table}`);
    else await client.query(mode === 'schema 5' ? PROGRESS_FUNCTIONS_V5_SQL : PROGRESS_FUNCTIONS_V6_SQL);
    const cpuBefore = cpuMs();
    for (let i = 0; i < COMMITS / 2; i++) {
      const w = i % 8;
      const s = performance.now();
      await repo.commitMany(
        `ws-${w * 7}`,
        Array.from({ length: BATCH }, () => record(w)),
        'upload',
      );
      ms[mode].push(performance.now() - s);
    }
    cpu[mode] += cpuMs() - cpuBefore;
    if (mode === 'none') await client.query(PROGRESS_TRIGGERS_SQL);
  }
  await new Promise((r) => setTimeout(r, 1000));
  await stats('after');
  const none = median(ms.none);
  for (const mode of modes)
    console.log(
      `per commit of ${BATCH}, one connection, trigger functions of ${mode}: ${median(ms[mode]).toFixed(2)} ms (median of ${ms[mode].length}), backend cpu ${(cpu[mode] / ms[mode].length).toFixed(3)} ms; without triggers ÷ this: wall ×${(none / median(ms[mode])).toFixed(2)}, backend cpu ×${(cpu.none / cpu[mode]).toFixed(2)}`,
    );
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2))}`);
} finally {
  await client.end().catch(() => undefined);
  await pool.end();
  postgres.stop();
}

import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createPool, migrateHub } from '../src/hub/hub-database';
import { HubRecordRepository } from '../src/hub/hub-record-repository';
import { rebuildAggregates } from '../src/hub/progress-aggregate-check';
import type { RecordDescriptor } from '../src/shared/sync-protocol';
import { startPostgres } from '../test/hub/support/postgres';
import { FILL } from './support/hub-fill';

let sequence = 0;
const record = (workstation: number): RecordDescriptor => {
  const n = sequence++;
  return { documentKey: `p-${n}`, version: 1, sha256: `${n.toString(16).padStart(16, '0')}${'c'.repeat(48)}`, size: 100_000 + (n % 1000),
    dossierCode: `PRF-${Math.floor(n / 3)}`, procedureCode: `1.${String(Math.floor(n / 5) % 40).padStart(3, '0')}`, agencyCode: `000.${workstation % 10}.25.H12`,
    year: 2026, status: 'finalized', signedAt: null, isResult: n % 5 === 0 };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const postgres = await startPostgres();
const url = await postgres.createDatabase('p');
const pool = createPool(url);
const client = new pg.Client({ connectionString: url });
try {
  await migrateHub(pool);
  for (let from = 1; from <= 200000; from += 100000) await pool.query(FILL, [from, from + 99999]);
  await rebuildAggregates(pool);
  await pool.query('VACUUM ANALYZE');
  await client.connect();
  const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const cpuMs = () => { const f = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
  const repo = new HubRecordRepository(client);
  const modes = process.argv.slice(2);
  const ms: Record<string, number[]> = {}; const cpu: Record<string, number> = {};
  for (let round = 0; round < modes.length * 3; round++) {
    const mode = modes[round % modes.length]!;
    const [figs, plan] = mode.split(':');
    await client.query(`SET plan_cache_mode = ${plan ?? 'auto'}`);
    const c0 = cpuMs();
    for (let i = 0; i < 150; i++) {
      const w = i % 8; const s = performance.now();
      await client.query('BEGIN');
      await repo.commitMany(`ws-${w * 7}`, Array.from({ length: 16 }, () => record(w)), 'upload', { keepFigures: figs === 'with' });
      await client.query('COMMIT');
      (ms[mode] ??= []).push(performance.now() - s);
    }
    cpu[mode] = (cpu[mode] ?? 0) + cpuMs() - c0;
  }
  for (const m of modes) console.log(m, 'wall median', median(ms[m]!).toFixed(3), 'ms; backend cpu/commit', (cpu[m]! / ms[m]!.length).toFixed(3));
} finally { await client.end(); await pool.end(); postgres.stop(); }

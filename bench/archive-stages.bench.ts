/**
 * Where an archive batch's time goes: the batch of `bench/archive.bench.ts` (N corpus pages made
 * distinct, K a dossier, W workers), run in this process through the engine's own pipeline and job
 * runner, with each stage timed as the jobs call it: clean-up, OCR, record assembly (and within it
 * the MRC split and the PDF writing), blob writes (encrypt + fsync), and the rest of each job (store
 * reads and writes, the job's transaction). From the jobs' lease and end events: the share of the
 * run each of the W job slots sat idle, and the gaps between one job ending and the next starting.
 * CPU seconds are the process's (all threads: libvips and the OCR workers included).
 *
 *   npx tsx bench/archive-stages.bench.ts [--pages N] [--per-dossier K] [--workers W] [--compression mrc|jpeg]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBatch } from '../src/core/archive/batch-run';
import { Engine } from '../src/core/engine';
import { createPipelineStages } from '../src/core/jobs/real-stages';
import { setTestAgency } from '../test/support/agency';
import { distinctCopy } from './support/distinct-copy';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(REPO, 'test/fixtures/vi-admin');
const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    'per-dossier': { type: 'string' },
    workers: { type: 'string' },
    compression: { type: 'string' },
  },
});
const N = Number(values.pages ?? 8);
const PER = Number(values['per-dossier'] ?? 4);
const WORKERS = Number(values.workers ?? 2);

const corpus = (
  JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: { file: string; format: string }[] }
).pages.filter((p) => p.format === 'png' || p.format === 'jpeg' || p.format === 'jpg');

/** Milliseconds and calls per named part. */
const spent = new Map<string, { ms: number; calls: number }>();
function count(name: string, ms: number): void {
  const s = spent.get(name) ?? { ms: 0, calls: 0 };
  s.ms += ms;
  s.calls++;
  spent.set(name, s);
}
function timedAsync<A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
  return async (...a) => {
    const t = performance.now();
    try {
      return await fn(...a);
    } finally {
      count(name, performance.now() - t);
    }
  };
}

const work = mkdtempSync(join(tmpdir(), 'sohoa-archive-stages-'));
try {
  const tree = join(work, 'tree');
  const register = ['Hồ sơ số,Tiêu đề,Năm,Số trang,Thời hạn bảo quản'];
  for (let d = 0; d * PER < N; d++) {
    const folder = join(tree, `HS ${d + 1}`);
    mkdirSync(folder, { recursive: true });
    const pages = Math.min(PER, N - d * PER);
    for (let k = 0; k < pages; k++) {
      const i = d * PER + k;
      const page = corpus[i % corpus.length]!;
      const ext = page.format === 'png' ? 'png' : 'jpg';
      writeFileSync(join(folder, `p${String(k + 1).padStart(3, '0')}.${ext}`), distinctCopy(readFileSync(join(CORPUS, page.file)), i));
    }
    register.push(`${d + 1},Hồ sơ ${d + 1},2020,${pages},Vĩnh viễn`);
  }
  writeFileSync(join(work, 'register.csv'), register.join('\n'));

  const dataDir = join(work, 'data');
  const stages = createPipelineStages({ dataDir, ocrWorkers: WORKERS });
  stages.clean = timedAsync('clean-up (page.clean)', stages.clean.bind(stages));
  stages.read = timedAsync('OCR (page.read)', stages.read.bind(stages));
  stages.assemble = timedAsync('record assembly (document.assemble)', stages.assemble.bind(stages));
  const engine = setTestAgency(Engine.open({ dataDir, actor: 'bench', pipeline: { stages, concurrency: WORKERS, autoStart: false } }));
  if (values.compression)
    engine.settings.set([{ key: 'record.compression', value: values.compression }], { kind: 'system', name: 'bench' }, 'bench');
  const blobs = engine.store.blobs;
  const put = blobs.put.bind(blobs);
  blobs.put = (bytes) => {
    const t = performance.now();
    try {
      return put(bytes);
    } finally {
      count('blob writes (encrypt, fsync, rename)', performance.now() - t);
    }
  };

  // The job slots: from each job's lease to its end.
  const started = new Map<number, { kind: string; at: number }>();
  const jobMs = new Map<string, number>();
  const ends: number[] = [];
  const leases: number[] = [];
  let running = 0;
  let idleSlotMs = 0;
  let last = 0;
  const advance = (now: number) => {
    if (last) idleSlotMs += (WORKERS - running) * (now - last);
    last = now;
  };
  engine.events.subscribe((event, payload) => {
    if (event !== 'job.changed') return;
    const { id, kind, state } = payload as { id: number; kind: string; state: string };
    const now = performance.now();
    if (state === 'leased') {
      advance(now);
      running++;
      leases.push(now);
      started.set(id, { kind, at: now });
    } else if (started.has(id)) {
      advance(now);
      running--;
      ends.push(now);
      const s = started.get(id)!;
      jobMs.set(s.kind, (jobMs.get(s.kind) ?? 0) + now - s.at);
      started.delete(id);
    }
  });

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runBatch(engine, { folder: tree, registerPath: join(work, 'register.csv'), actor: 'bench' });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await engine.close();
  await stages.close();

  const firstLease = Math.min(...leases);
  const lastEnd = Math.max(...ends);
  // A gap: a job slot free from one job's end to the next lease after it.
  const gaps = ends.map((e) => Math.min(...leases.filter((l) => l >= e), lastEnd) - e).filter((g) => g > 0);
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s (${(ms / N / 1000).toFixed(3)} s/page)`;
  const lines = [
    `load ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
    `${N} page(s), ${Math.ceil(N / PER)} dossier(s), ${WORKERS} worker(s); pages read ${result.report?.pages.read ?? 0}, failed ${result.report?.pages.failed ?? 0}`,
    `wall ${wall.toFixed(1)} s (${((N / wall) * 3600).toFixed(0)} pages/h); process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${((cpu.user + cpu.system) / 1e6 / N).toFixed(2)} s/page)`,
    `intake to first job ${((firstLease - t0) / 1000).toFixed(2)} s; last job end to batch end ${((t0 + wall * 1000 - lastEnd) / 1000).toFixed(2)} s`,
    ...[...spent].map(([name, s]) => `  ${name}: ${fmt(s.ms)} over ${s.calls} call(s)`),
    ...[...jobMs].map(([kind, ms]) => `  job ${kind}, lease to end: ${fmt(ms)}`),
    `job slots idle between the first lease and the last end: ${((100 * idleSlotMs) / (WORKERS * (lastEnd - firstLease))).toFixed(1)}% (${(idleSlotMs / 1000).toFixed(2)} slot-s); gaps from a job's end to the next lease: ${gaps.length}, ${(gaps.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s in all, longest ${(Math.max(0, ...gaps) / 1000).toFixed(2)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

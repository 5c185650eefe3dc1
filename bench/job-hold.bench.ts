/**
 * What a paused archive batch costs the job queue: the time of one `lease()` (what every pipeline
 * worker of every process calls before each job, and every half second when idle) while N queued
 * jobs belong to a paused batch (held: the search skips them), against the same lease with the batch
 * running (reference, same store, same run). No OCR: jobs are rows.
 *
 *   npx tsx bench/job-hold.bench.ts [--jobs N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../src/core/engine';
import { PIPELINE_JOBS } from '../src/core/jobs/pipeline';
import { ArchiveRepository } from '../src/core/store/archive-repository';
import { batchJobGroup } from '../src/core/store/job-group';
import { insertArchiveDossier } from '../test/support/archive-dossier';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '20000' } } });
const N = Number(values.jobs);
const PER_DOSSIER = 20;
const work = mkdtempSync(join(tmpdir(), 'sohoa-job-hold-bench-'));

try {
  const engine = Engine.open({ dataDir: join(work, 'data'), actor: 'bench' });
  try {
    const { store } = engine;
    const archive = new ArchiveRepository(store.db);
    const batch = archive.createBatch({ name: 'bench', source: work, registerPath: null, key: 'bench' });
    store.db.transaction(() => {
      const dossiers = Math.ceil(N / PER_DOSSIER);
      for (let d = 0; d < dossiers; d++) {
        const dossier = insertArchiveDossier(engine, { batchId: batch.id, archiveNumber: String(d), prefix: 'B-' });
        const documentId = store.documents.create(dossier.id, 'Hồ sơ lưu trữ', null);
        archive.addFolder(batch.id, `HS ${d}`, dossier.id, documentId);
        for (let p = 0; p < PER_DOSSIER && d * PER_DOSSIER + p < N; p++) {
          const page = store.pages.addPage(documentId, `${d}-${p}`.padEnd(64, '0'), null);
          const placement = { group: batchJobGroup(batch.id), documentId, pageId: page.id };
          store.jobs.enqueue(PIPELINE_JOBS.clean, `${page.id}`, { pageId: page.id }, placement);
        }
      }
    })();
    // One job of other work, queued last: the one a worker should get.
    store.jobs.enqueue('other', 'x', {});
    const kinds = [...Object.values(PIPELINE_JOBS), 'other'];
    const leaseMs = (rounds: number) => {
      const t = performance.now();
      for (let i = 0; i < rounds; i++) {
        const job = store.jobs.lease('bench-0', kinds, 60_000);
        if (!job) throw new Error('nothing leased');
        store.jobs.release(job.id, 'bench-0');
      }
      return (performance.now() - t) / rounds;
    };
    archive.setStatus(batch.id, 'running');
    const running = leaseMs(200);
    archive.setStatus(batch.id, 'paused');
    const paused = leaseMs(20);
    const pendingT = performance.now();
    const pending = store.jobs.pendingNotHeld();
    const pendingMs = performance.now() - pendingT;
    process.stdout.write(
      [
        `queued jobs of the batch: ${N} (${PER_DOSSIER} pages per dossier), plus 1 other job`,
        `lease() with the batch running (reference): ${running.toFixed(3)} ms`,
        `lease() with the batch paused (its ${N} jobs held): ${paused.toFixed(2)} ms`,
        `ratio (paused / running): ${(paused / running).toFixed(1)}`,
        `pendingNotHeld() with the batch paused: ${pending} job(s) in ${pendingMs.toFixed(1)} ms`,
      ].join('\n') + '\n',
    );
  } finally {
    await engine.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

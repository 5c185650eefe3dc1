/**
 * The archive station's batch list on a large store: N batches of D dossiers of P pages (default 40
 * × 50 × 50 = 100,000 pages, every page cleaned and read by jobs, 200,000 jobs), one batch still
 * running with pages read in the last minutes, the others done. Times `batch.list` (every batch's
 * progress, rate, reconciliation and approvals) and one batch's QC view, median of a few runs, wall
 * clock and CPU; as a reference in the same run, one pass over every page row.
 *
 *   npx tsx bench/batch-list.bench.ts [--batches 40] [--dossiers 50] [--pages 50] [--runs 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { batchQcView, batchSummary } from '../src/core/archive/batch-view';
import { openDatabase, type Db } from '../src/core/store/database';
import { batchJobGroup } from '../src/core/store/job-group';
import { PIPELINE_JOBS } from '../src/core/jobs/pipeline';
import { openStore } from '../src/core/store/store';

const { values } = parseArgs({
  options: { batches: { type: 'string' }, dossiers: { type: 'string' }, pages: { type: 'string' }, runs: { type: 'string' } },
});
const BATCHES = Number(values.batches ?? 40);
const DOSSIERS = Number(values.dossiers ?? 50);
const PAGES = Number(values.pages ?? 50);
const RUNS = Number(values.runs ?? 5);
const KEY = Buffer.alloc(32, 0x17);

function generate(db: Db): void {
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  const insertBatch = db.prepare(`INSERT INTO batch (id, name, source, status, created_at, batch_key) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertDossier = db.prepare(
    `INSERT INTO dossier (id, code, kind, box, archive_number, year, batch_id, status, created_at, updated_at) VALUES (?, ?, 'archive', ?, ?, 2020, ?, 'received', ?, ?)`,
  );
  const insertDocument = db.prepare('INSERT INTO document (id, dossier_id, position, created_at) VALUES (?, ?, 1, ?)');
  const insertPage = db.prepare(
    `INSERT INTO page (id, document_id, position, image_sha256, ocr_confidence, flags, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertJob = db.prepare(
    `INSERT INTO job (kind, key, payload, state, attempts, job_group, document_id, page_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
  );
  const insertRegister = db.prepare(
    `INSERT INTO archive_register_row (batch_id, line, box, archive_number, box_key, number_key, title, year, expected_pages) VALUES (?, ?, ?, ?, ?, ?, ?, 2020, ?)`,
  );
  const insertFolder = db.prepare(
    'INSERT INTO archive_folder (batch_id, rel_path, dossier_id, document_id, register_line) VALUES (?, ?, ?, ?, ?)',
  );
  const insertRecord = db.prepare(`INSERT INTO record (document_id, version, pdf_sha256, signed, created_at) VALUES (?, 1, ?, 0, ?)`);
  let dossierId = 0;
  let pageId = 0;
  db.transaction(() => {
    for (let b = 1; b <= BATCHES; b++) {
      const running = b === BATCHES;
      insertBatch.run(b, `Hộp ${b}`, `/kho/${b}`, running ? 'running' : 'done', iso((BATCHES - b + 1) * 86_400_000), `key-${b}`);
      for (let d = 1; d <= DOSSIERS; d++) {
        dossierId++;
        const at = iso((BATCHES - b) * 86_400_000 + (DOSSIERS - d) * 1000);
        const box = `H${b}`;
        insertDossier.run(dossierId, `ARCH-${dossierId}`, box, String(d), b, at, at);
        insertDocument.run(dossierId, dossierId, at);
        insertRegister.run(b, d, box, String(d), box, String(d), `Hồ sơ ${d}`, d % 10 === 0 ? PAGES + 1 : PAGES);
        insertFolder.run(b, `${box}/${d}`, dossierId, dossierId, d);
        // In the running batch, the last tenth of the dossiers is still waiting to be read.
        const waiting = running && d > DOSSIERS * 0.9;
        for (let p = 1; p <= PAGES; p++) {
          pageId++;
          // Running batch: its pages were read over the last hour, one every few seconds.
          const readAt = running ? iso(((DOSSIERS - d) * PAGES + (PAGES - p)) * 1000) : at;
          insertPage.run(
            pageId,
            dossierId,
            p,
            `sha-${pageId}`,
            waiting ? null : 80,
            p % 13 === 0 ? '["low-dpi"]' : '[]',
            waiting ? 'captured' : 'read',
            at,
          );
          const group = batchJobGroup(b);
          const clean = waiting ? 'queued' : 'done';
          insertJob.run(
            PIPELINE_JOBS.clean,
            `clean-${pageId}`,
            JSON.stringify({ pageId }),
            clean,
            group,
            dossierId,
            pageId,
            readAt,
            readAt,
          );
          if (!waiting)
            insertJob.run(
              PIPELINE_JOBS.read,
              `read-${pageId}`,
              JSON.stringify({ pageId }),
              'done',
              group,
              dossierId,
              pageId,
              readAt,
              readAt,
            );
        }
        if (!waiting) {
          const payload = JSON.stringify({ documentId: dossierId });
          insertJob.run(PIPELINE_JOBS.assemble, `assemble-${dossierId}`, payload, 'done', batchJobGroup(b), dossierId, null, at, at);
          insertRecord.run(dossierId, `pdf-${dossierId}`, at);
        }
      }
    }
  })();
  db.exec('ANALYZE');
}

function once(fn: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

function timed(label: string, fn: () => unknown, reference?: number): number {
  fn();
  const runs = Array.from({ length: RUNS }, () => once(fn)).sort((a, b) => a.wall - b.wall);
  const median = runs[Math.floor(runs.length / 2)]!;
  const ratio = reference ? `   ×${(median.wall / reference).toFixed(1)} reference` : '';
  process.stdout.write(
    `${label.padEnd(48)} ${median.wall.toFixed(1).padStart(8)} ms (cpu ${median.cpu.toFixed(1).padStart(8)} ms)${ratio}\n`,
  );
  return median.wall;
}

const dir = mkdtempSync(join(tmpdir(), 'sohoa-batch-list-bench-'));
try {
  const built = once(() => {
    const db = openDatabase(dir, KEY);
    generate(db);
    db.close();
  });
  const store = openStore(dir, KEY);
  const archive = store.archive;
  process.stdout.write(
    `store: ${BATCHES} batches × ${DOSSIERS} dossiers × ${PAGES} pages = ${BATCHES * DOSSIERS * PAGES} pages, ${(store.db.prepare('SELECT count(*) AS n FROM job').get() as { n: number }).n} jobs (built in ${(built.wall / 1000).toFixed(0)} s)\n`,
  );
  const reference = timed('reference: one pass over every page row', () => store.db.prepare('SELECT sum(ocr_confidence) FROM page').get());
  const list = timed('batch.list (every batch summarized)', () => archive.batches().map((b) => batchSummary(archive, b, null)), reference);
  timed('one running batch summarized', () => batchSummary(archive, archive.batch(BATCHES)!, null), reference);
  timed('one batch’s QC view (batch.qc)', () => batchQcView(store, archive, BATCHES, null), reference);
  if (process.env.BATCH_LIST_PARTS) {
    const since = new Date(Date.now() - 5 * 60_000).toISOString();
    timed('  progress', () => archive.progress(BATCHES));
    timed('  pagesReadSince', () => archive.pagesReadSince(BATCHES, since));
    timed('  folders', () => archive.folders(BATCHES));
    timed('  flags', () => archive.flags(BATCHES));
    timed('  approvals', () => archive.approvals(BATCHES));
    timed('  registerRows', () => archive.registerRows(BATCHES));
    timed('  pendingJobs', () => archive.pendingJobs(1));
  }
  process.stdout.write(`batch.list per batch: ${(list / BATCHES).toFixed(1)} ms\n`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

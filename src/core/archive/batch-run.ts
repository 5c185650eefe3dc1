import type { Engine } from '../engine';
import { ArchiveRepository } from '../store/archive-repository';
import { takeInBatch, saveFlags, type BatchIntake, type BatchIntakeOptions } from './batch-intake';
import { BatchProgress } from './batch-progress';
import { batchReport, type BatchReport } from './batch-report';

export interface BatchRunResult {
  intake: BatchIntake;
  report: BatchReport;
}

/**
 * A whole batch, headless: intake (or resume), then waits while the engine's pipeline works through
 * the pages, reporting progress, then reconciles again (failed pages are known only now).
 */
export async function runBatch(engine: Engine, options: BatchIntakeOptions & { onIntake?: (intake: BatchIntake) => void; onProgress?: (line: string) => void; pollMs?: number }): Promise<BatchRunResult> {
  const archive = new ArchiveRepository(engine.store.db);
  const intake = await takeInBatch(engine, options);
  options.onIntake?.(intake);
  const batchId = intake.batch.id;
  archive.setStatus(batchId, 'running');
  const progress = new BatchProgress(archive.progress(batchId).done);
  let shown = { done: -1, total: -1, at: 0 };
  for (;;) {
    const { total, done } = archive.progress(batchId);
    const now = Date.now();
    // A line when a page finishes, and at least every 15 s while one is being worked on.
    if (done !== shown.done || total !== shown.total || now - shown.at >= 15_000) {
      options.onProgress?.(progress.line(done, total, now));
      shown = { done, total, at: now };
    }
    const jobs = engine.store.jobs.countsByState();
    if (jobs.queued === 0 && jobs.leased === 0) break;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
  }
  saveFlags(archive, batchId, intake.importProblems);
  engine.store.db.transaction(() => {
    archive.setStatus(batchId, 'done');
    const p = archive.progress(batchId);
    engine.audit.append({ actor: options.actor, action: 'batch.done', subject: `batch:${batchId}`, details: { pages: p.total, failed: p.failed } });
  })();
  return { intake, report: batchReport(archive, batchId) };
}

import type { EventBus } from '../event-bus';
import { isDiskFull } from '../jobs/job-runner';
import { nextJobEnd } from '../jobs/next-job-end';
import { ArchiveRepository } from '../store/archive-repository';
import { BatchCancelledError } from './archive-errors';
import type { ArchiveIntakeHost } from './archive-dossier';
import { takeInBatch, saveFlags, type BatchIntake, type BatchIntakeOptions } from './batch-intake';
import { BatchProgress } from '../../shared/batch-progress';
import { batchReport, type BatchReport } from './batch-report';

/** How a run ended: all pages worked through, stopped by --pause / SIGINT, by --cancel, or by a full disk. */
export type BatchOutcome = 'done' | 'paused' | 'cancelled' | 'disk-full';

export interface BatchRunResult {
  intake: BatchIntake | null;
  report: BatchReport | null;
  outcome: BatchOutcome;
  /** For a full disk: what the system said. */
  cause?: string;
}

export interface BatchRunOptions extends BatchIntakeOptions {
  /** The batch is opened (or found), before any page is read. */
  onOpened?: (batchId: number) => void;
  onIntake?: (intake: BatchIntake) => void;
  onProgress?: (line: string) => void;
  pollMs?: number;
  /** Asked between steps: true once the process was told to stop (SIGINT): the batch is paused. */
  interrupted?: () => boolean;
  /** A cancelled batch is refused unless this is set (`--resume`). */
  resume?: boolean;
  /** Keeps waiting for work instead of finishing when the queue is empty (a watched folder); resolves when to stop. */
  keepGoing?: () => boolean;
  /** Asked while waiting: true when new pages may have arrived (a watched folder): the intake runs again. */
  takeInAgain?: () => boolean;
  /** The agency that issued the paper, as named then (an archive of a merged unit): set for the batch before its records are made. */
  issuingAgency?: string;
}

/** What a headless run needs of the engine it runs in: the intake's needs, its events, and its pipeline to start and stop. */
export interface BatchRunHost extends ArchiveIntakeHost {
  readonly events: EventBus;
  /** Set by the pipeline when a write met a full disk. */
  diskFull: Error | null;
  startPipeline(): void;
  stopPipeline(): Promise<void>;
}

/**
 * A whole batch, headless: intake (or resume), then waits while the engine's pipeline works through
 * the pages, reporting progress, then reconciles again (failed pages are known only now). Between
 * steps it looks at the batch's status in the store: paused or cancelled from elsewhere (`--pause`,
 * `--cancel`, the app) or interrupted here, it stops taking jobs and returns what was done.
 */
export async function runBatch(engine: BatchRunHost, options: BatchRunOptions): Promise<BatchRunResult> {
  const archive = engine.store.archive;
  let intake: BatchIntake;
  try {
    // Once admitted, the pipeline starts on the first pages while the rest are still being taken in.
    intake = await takeInBatch(engine, {
      ...options,
      beforeStart: (batchId) => {
        admit(archive, batchId, options);
        if (options.issuingAgency) archive.setIssuingAgency(batchId, options.issuingAgency);
        options.onOpened?.(batchId);
        engine.startPipeline();
      },
    });
  } catch (e) {
    if (isDiskFull(e)) return { intake: null, report: null, outcome: 'disk-full', cause: (e as Error).message };
    throw e;
  }
  options.onIntake?.(intake);
  engine.startPipeline();
  const batchId = intake.batch.id;
  const progress = new BatchProgress(archive.progress(batchId).done);
  let shown = { done: -1, total: -1, at: 0 };
  let outcome: BatchOutcome = 'done';
  for (;;) {
    const status = archive.batch(batchId)!.status;
    if (status === 'paused' || status === 'cancelled') outcome = status;
    else if (options.interrupted?.()) outcome = 'paused';
    else if (engine.diskFull) outcome = 'disk-full';
    if (outcome !== 'done') break;
    if (options.takeInAgain?.()) {
      try {
        const more = await takeInBatch(engine, { ...options, again: true });
        for (const [k, v] of more.importProblems) intake.importProblems.set(k, v);
        if (more.pagesAdded) options.onIntake?.(more);
      } catch (e) {
        if (!isDiskFull(e)) throw e;
        engine.diskFull = e as Error;
        continue;
      }
    }
    const { total, done } = archive.progress(batchId);
    const now = Date.now();
    // A line when a page finishes, and at least every 15 s while one is being worked on.
    if (done !== shown.done || total !== shown.total || now - shown.at >= 15_000) {
      options.onProgress?.(progress.line(done, total, now));
      shown = { done, total, at: now };
    }
    // Jobs held by another batch that is paused or cancelled are not this run's to wait for.
    if (engine.store.jobs.pendingNotHeld() === 0 && !options.keepGoing?.()) break;
    await nextJobEnd(engine.events, options.pollMs ?? 1000);
  }
  if (outcome !== 'done') {
    await engine.stopPipeline();
    if (engine.diskFull) return { intake, report: null, outcome: 'disk-full', cause: engine.diskFull.message };
    if (outcome === 'paused') archive.setStatus(batchId, 'paused');
    engine.audit.append({
      actor: options.actor,
      action: outcome === 'cancelled' ? 'batch.cancelled' : 'batch.paused',
      subject: `batch:${batchId}`,
      details: archive.progress(batchId),
    });
    saveFlags(archive, batchId, intake.importProblems);
    return { intake, report: batchReport(archive, batchId), outcome };
  }
  saveFlags(archive, batchId, intake.importProblems);
  engine.store.transaction(() => {
    // The pipeline marks a batch done when its last job ends (in this process or the app's).
    if (archive.batch(batchId)!.status === 'done') return;
    archive.setStatus(batchId, 'done');
    const p = archive.progress(batchId);
    engine.audit.append({
      actor: options.actor,
      action: 'batch.done',
      subject: `batch:${batchId}`,
      details: { pages: p.total, failed: p.failed },
    });
  });
  return { intake, report: batchReport(archive, batchId), outcome };
}

/** A batch found again: a cancelled one only with --resume; a paused one resumes by being run. */
function admit(archive: ArchiveRepository, batchId: number, options: BatchRunOptions): void {
  const status = archive.batch(batchId)!.status;
  if (status === 'cancelled' && !options.resume) throw new BatchCancelledError(batchId);
  archive.setStatus(batchId, 'running');
}

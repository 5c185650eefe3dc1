import { resolve } from 'node:path';
import { UsageError } from '../../command';
import { agencyForRun } from '../../agency-option';
import { BatchDiskFullError } from '../../../core/archive/archive-errors';
import { Engine } from '../../../core/engine';
import { isDiskFull } from '../../../core/jobs/job-runner';
import { createPipelineStages } from '../../../core/jobs/real-stages';
import type { BatchRunEvent } from '../../../shared/batch-run-contract';
import type { RegisterEncoding } from '../../../shared/register-preview';
import { contractCall } from '../../contract-call';
import { printReport, type BatchArgs } from './batch-args';
import type { RunTarget } from './run-target';

/**
 * A run: takes the folder (or the hot folder, or the batch resumed) in and reads its pages, through the
 * contract (`batch.run`, its lines from the engine's `batch.run` events); SIGINT finishes the pages in hand
 * (`batch.runStop`), a second one leaves.
 */
export async function batchRunMode(args: BatchArgs, target: RunTarget): Promise<number> {
  const { values, io, dataDir, actor } = args;
  const { folder, registerPath, resumeRef, watch, columns } = target;
  // Without --workers, the data directory's `ocr.workers` setting (read again as pages are read).
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 16))
    throw new UsageError('--workers must be a whole number from 1 to 16');

  let stopRequested = false;
  let batchId: number | null = null;
  let call: ReturnType<typeof contractCall> | undefined;
  const askToStop = () => {
    if (batchId !== null) void call?.('batch.runStop', { batchId }).catch(() => undefined);
  };
  const stop = () => {
    if (!stopRequested) io.err('sohoa batch: stopping — the pages in hand are finished first (interrupt again to leave now)');
    else process.exit(130);
    stopRequested = true;
    askToStop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const agency = agencyForRun(values);
  const issuingAgency = values['issuing-agency']?.trim();
  if (issuingAgency !== undefined && (issuingAgency === '' || issuingAgency.length > 200))
    throw new UsageError('--issuing-agency needs the agency’s name as it was then (1–200 characters)');
  let engine: Engine | undefined;
  let stages: ReturnType<typeof createPipelineStages> | undefined;
  let unsubscribe: (() => void) | undefined;
  try {
    try {
      stages = createPipelineStages({ dataDir, ocrWorkers: workers });
      engine = Engine.open({
        dataDir,
        key: args.key(),
        actor,
        agency,
        pipeline: { stages, concurrency: workers, autoStart: false },
      });
    } catch (e) {
      if (isDiskFull(e)) throw new BatchDiskFullError(dataDir, (e as Error).message);
      throw e;
    }
    call = contractCall(engine);
    unsubscribe = engine.events.subscribe((event, payload) => {
      if (event !== 'batch.run') return;
      const e = payload as BatchRunEvent;
      if (e.kind === 'opened') {
        batchId = e.batchId;
        // Told to stop while the register was being read: the intake stops at its first step.
        if (stopRequested) askToStop();
      } else if (e.batchId === null || e.batchId === batchId) for (const line of runLines(e)) io.err(`sohoa batch: ${line}`);
    });
    const result = await call('batch.run', {
      folder: resolve(folder),
      registerPath: registerPath === undefined ? undefined : resolve(registerPath),
      // run-target checked it against the encodings known.
      encoding: values.encoding as RegisterEncoding | undefined,
      sheet: values.sheet,
      columns,
      separate: values.separate,
      resume: resumeRef !== undefined,
      issuingAgency,
      watch,
    });
    printReport(args, result.report);
    if (result.outcome !== 'done') {
      const p = result.report.pages;
      const left = p.found - p.read - p.failed;
      const what =
        result.outcome === 'cancelled'
          ? 'cancelled: pages taken in are kept, no more are processed'
          : `paused: run again${watch ? ' with --watch' : ''} (or --resume) to go on`;
      io.err(
        `sohoa batch: batch ${result.report.batch.id} ${what}; ${p.found} page(s) taken in, ${p.read + p.failed} processed, ${left} not processed`,
      );
    }
    return 0;
  } finally {
    unsubscribe?.();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await engine?.close().catch(() => undefined);
    await stages?.close();
  }
}

/** The lines a run's event prints, as `sohoa batch` has always printed them. */
function runLines(e: BatchRunEvent): string[] {
  if (e.kind === 'progress' || e.kind === 'hot-folder') return [e.line];
  if (e.kind !== 'intake') return [];
  const lines = [
    `batch ${e.batchId} ${e.resumed ? 'resumed' : 'opened'}; ${e.pagesAdded} new page(s)${e.separators ? `; ${e.separators} separator page(s)` : ''}${e.loose ? `; ${e.loose} page file(s) outside any dossier` : ''}`,
  ];
  for (const w of e.importWarnings) lines.push(`warning [${w.code}] ${w.message}`);
  if (e.register) lines.push(`register ${e.register.encoding}, ${e.register.rows} row(s), ${e.register.problems} problem(s)`);
  return lines;
}

import { UsageError } from '../../command';
import { agencyForRun } from '../../agency-option';
import { BatchDiskFullError } from '../../../core/archive/archive-errors';
import { runBatch } from '../../../core/archive/batch-run';
import type { RegisterEncoding } from '../../../core/archive/register-encoding';
import { HotFolder } from '../../../core/capture/hot-folder';
import { Engine } from '../../../core/engine';
import { isDiskFull } from '../../../core/jobs/job-runner';
import { createPipelineStages } from '../../../core/jobs/real-stages';
import { printReport, type BatchArgs } from './batch-args';
import type { RunTarget } from './run-target';

/** Files a copier drops that can be pages. */
const PAGE_FILE = /\.(png|jpe?g|tiff?|pdf|pnm|pgm|ppm|pbm)$/i;

/** A run: takes the folder (or the hot folder, or the batch resumed) in and reads its pages; SIGINT finishes the pages in hand. */
export async function batchRunMode(args: BatchArgs, target: RunTarget): Promise<number> {
  const { values, io, dataDir, actor } = args;
  const { folder, registerPath, resumeRef, watch, separate, columns } = target;
  // Without --workers, the data directory's `ocr.workers` setting (read again as pages are read).
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 16))
    throw new UsageError('--workers must be a whole number from 1 to 16');

  let stopRequested = false;
  const stop = () => {
    if (!stopRequested) io.err('sohoa batch: stopping — the pages in hand are finished first (interrupt again to leave now)');
    else process.exit(130);
    stopRequested = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const agency = agencyForRun(values);
  const issuingAgency = values['issuing-agency']?.trim();
  if (issuingAgency !== undefined && (issuingAgency === '' || issuingAgency.length > 200))
    throw new UsageError('--issuing-agency needs the agency’s name as it was then (1–200 characters)');
  let engine: Engine | undefined;
  let stages: ReturnType<typeof createPipelineStages> | undefined;
  let hotFolder: HotFolder | undefined;
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
    // Nothing is taken in before the agency is known: every dossier and record carries it.
    engine.requireAgency();
    let arrived = false;
    if (watch) {
      hotFolder = new HotFolder({
        dir: folder,
        accept: (name) => PAGE_FILE.test(name),
        onFile: () => undefined,
        onOutcome: (o) => {
          arrived = true;
          io.err(`sohoa batch: ${o.outcome} ${o.name}`);
        },
        onError: (error, name) => io.err(`sohoa batch: ${name ?? folder}: ${(error as Error).message}`),
      });
      await hotFolder.start();
    }
    const result = await runBatch(engine, {
      folder,
      registerPath,
      encoding: values.encoding as RegisterEncoding | undefined,
      sheet: values.sheet,
      columns,
      separate,
      actor,
      resume: resumeRef !== undefined,
      issuingAgency,
      interrupted: () => stopRequested,
      shouldStop: () => stopRequested,
      keepGoing: watch ? () => !stopRequested : undefined,
      takeInAgain: () => {
        const again = arrived;
        arrived = false;
        return again;
      },
      onIntake: (intake) => {
        io.err(
          `sohoa batch: batch ${intake.batch.id} ${intake.resumed ? 'resumed' : 'opened'}; ${intake.pagesAdded} new page(s)${intake.separators ? `; ${intake.separators} separator page(s)` : ''}${intake.loose.length ? `; ${intake.loose.length} page file(s) outside any dossier` : ''}`,
        );
        for (const w of intake.importWarnings) io.err(`sohoa batch: warning [${w.code}] ${w.message}`);
        if (intake.register)
          io.err(
            `sohoa batch: register ${intake.register.encoding}, ${intake.register.rows.length} row(s), ${intake.register.problems.length} problem(s)`,
          );
      },
      onProgress: (line) => io.err(`sohoa batch: ${line}`),
    });
    if (result.outcome === 'disk-full') throw new BatchDiskFullError(dataDir, result.cause ?? 'ENOSPC');
    printReport(args, result.report!);
    if (result.outcome !== 'done') {
      const p = result.report!.pages;
      const left = p.found - p.read - p.failed;
      const what =
        result.outcome === 'cancelled'
          ? 'cancelled: pages taken in are kept, no more are processed'
          : `paused: run again${watch ? ' with --watch' : ''} (or --resume) to go on`;
      io.err(
        `sohoa batch: batch ${result.report!.batch.id} ${what}; ${p.found} page(s) taken in, ${p.read + p.failed} processed, ${left} not processed`,
      );
    }
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await hotFolder?.stop();
    await engine?.close().catch(() => undefined);
    await stages?.close();
  }
}

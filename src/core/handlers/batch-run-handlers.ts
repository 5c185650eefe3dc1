import type { EngineHandlers } from '../../shared/contract';
import type { BatchRunEvent } from '../../shared/batch-run-contract';
import { BatchDiskFullError } from '../archive/archive-errors';
import { runBatch, type BatchRunHost } from '../archive/batch-run';
import type { BatchIntake } from '../archive/batch-intake';
import { parseSeparationMode } from '../archive/separation';
import { HotFolder } from '../capture/hot-folder';
import type { ReadablePathPolicy } from '../security/readable-path';

export type BatchRunMethod = 'batch.run' | 'batch.runStop';

/** Files a copier drops that can be pages. */
const PAGE_FILE = /\.(png|jpe?g|tiff?|pdf|pnm|pgm|ppm|pbm)$/i;

/**
 * A whole batch run in this engine (`sohoa batch`): the engine's pipeline reads the pages; with `watch`
 * the engine watches the hot folder. What the run says goes out as `batch.run` events; `batch.runStop`
 * asks it to stop after the pages in hand (the batch is paused).
 */
export function batchRunHandlers(
  engine: BatchRunHost,
  actor: () => string,
  readablePaths: ReadablePathPolicy,
): Pick<EngineHandlers, BatchRunMethod> {
  const stopRequests = new Map<number, () => void>();
  const say = (event: BatchRunEvent) => engine.events.emit('batch.run', event);
  return {
    'batch.run': async (input) => {
      readablePaths.check(input.folder, 'page-source');
      if (input.registerPath) readablePaths.check(input.registerPath, 'register');
      const separate = input.separate === undefined ? undefined : parseSeparationMode(input.separate);
      const runActor = actor();
      // Nothing is taken in before the agency is known: every dossier and record carries it.
      engine.requireAgency();
      let stopRequested = false;
      let batchId: number | null = null;
      let arrived = false;
      let hotFolder: HotFolder | undefined;
      try {
        if (input.watch) {
          hotFolder = new HotFolder({
            dir: input.folder,
            accept: (name) => PAGE_FILE.test(name),
            onFile: () => undefined,
            onOutcome: (o) => {
              arrived = true;
              say({ batchId, kind: 'hot-folder', line: `${o.outcome} ${o.name}` });
            },
            onError: (error, name) => say({ batchId, kind: 'hot-folder', line: `${name ?? input.folder}: ${(error as Error).message}` }),
          });
          await hotFolder.start();
        }
        const result = await runBatch(engine, {
          folder: input.folder,
          registerPath: input.registerPath,
          encoding: input.encoding,
          sheet: input.sheet,
          columns: input.columns ? { ...input.columns } : undefined,
          separate,
          actor: runActor,
          resume: input.resume,
          issuingAgency: input.issuingAgency,
          interrupted: () => stopRequested,
          shouldStop: () => stopRequested,
          keepGoing: input.watch ? () => !stopRequested : undefined,
          takeInAgain: () => {
            const again = arrived;
            arrived = false;
            return again;
          },
          onOpened: (id) => {
            batchId = id;
            stopRequests.set(id, () => (stopRequested = true));
            say({ batchId: id, kind: 'opened' });
          },
          onIntake: (intake) => say(intakeEvent(intake)),
          onProgress: (line) => say({ batchId, kind: 'progress', line }),
        });
        if (result.outcome === 'disk-full') throw new BatchDiskFullError(engine.store.dataDir, result.cause ?? 'ENOSPC');
        return { outcome: result.outcome, report: result.report! };
      } finally {
        if (batchId !== null) stopRequests.delete(batchId);
        await hotFolder?.stop();
      }
    },
    'batch.runStop': async ({ batchId }) => {
      const stop = stopRequests.get(batchId);
      stop?.();
      return { stopping: stop !== undefined };
    },
  };
}

function intakeEvent(intake: BatchIntake): BatchRunEvent {
  return {
    batchId: intake.batch.id,
    kind: 'intake',
    resumed: intake.resumed,
    pagesAdded: intake.pagesAdded,
    separators: intake.separators,
    loose: intake.loose.length,
    importWarnings: intake.importWarnings.map((w) => ({ code: w.code, message: w.message })),
    register: intake.register
      ? { encoding: intake.register.encoding, rows: intake.register.rows.length, problems: intake.register.problems.length }
      : null,
  };
}

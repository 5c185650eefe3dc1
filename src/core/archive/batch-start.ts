import { realpath } from 'node:fs/promises';
import type { BatchStartResult } from '../../shared/batch-start-contract';
import { CodedError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import { ArchiveRepository } from '../store/archive-repository';
import type { ArchiveIntakeHost } from './archive-dossier';
import { BatchCancelledError, BatchIntakeRunningError } from './archive-errors';
import { realFolder, takeInBatch } from './batch-intake';
import { batchKey } from './batch-key';
import type { BatchSetup } from './batch-setup-preview';
import { parseSeparationMode } from './separation';

export interface BatchStartHost extends ArchiveIntakeHost {
  events: EventBus;
}

/**
 * Starts (or takes up again) a batch in the running engine, as `sohoa batch` would: it answers once
 * the batch is opened, with its register read; the pages are then taken in behind, and the engine's
 * own pipeline works them through, so progress shows in the batch list. A bad folder, register or
 * map is refused before anything is opened. Should the intake fail later, the batch is paused and
 * the failure audited; starting the same folder again takes it up where it stopped.
 */
export async function startBatch(host: BatchStartHost, setup: BatchSetup, actor: string, takingIn: Set<number>): Promise<BatchStartResult> {
  const archive = host.store.archive;
  const separate = parseSeparationMode(setup.separate);
  const source = await realFolder(setup.folder);
  const registerPath = setup.registerPath ? await realpath(setup.registerPath).catch(() => setup.registerPath!) : null;
  const resumed = archive.batchByKey(batchKey(source, registerPath)) !== undefined;
  return new Promise<BatchStartResult>((answer, refuse) => {
    let batchId: number | null = null;
    takeInBatch(host, {
      folder: source,
      registerPath: registerPath ?? undefined,
      sheet: setup.sheet,
      columns: setup.columns ? { ...setup.columns } : undefined,
      separate,
      actor,
      beforeStart: (id) => {
        if (takingIn.has(id)) throw new BatchIntakeRunningError(id);
        if (archive.batch(id)!.status === 'cancelled') throw new BatchCancelledError(id);
        takingIn.add(id);
        batchId = id;
        archive.setStatus(id, 'running');
        answer({ batchId: id, resumed });
      },
    }).then(
      (intake) => {
        takingIn.delete(intake.batch.id);
        closeIfNothingLeft(host, archive, intake.batch.id, actor);
        host.events.emit('progress', {
          task: `batch-intake:${intake.batch.id}`,
          label: 'batch-intake-end',
          done: intake.pagesAdded,
          total: intake.pagesAdded,
        });
      },
      (error: unknown) => {
        if (batchId === null) return refuse(error);
        takingIn.delete(batchId);
        archive.setStatus(batchId, 'paused');
        const code = error instanceof CodedError ? error.code : 'engine.internal';
        host.audit.append({
          actor,
          action: 'batch.intake-failed',
          subject: `batch:${batchId}`,
          details: { code, message: (error as Error).message },
        });
        host.events.emit('progress', { task: `batch-intake:${batchId}`, label: 'batch-intake-failed', done: 0, total: 0 });
      },
    );
  });
}

/** A batch whose folder brought no page to work on (empty, or all read before) is done now: no job will end to say so. */
function closeIfNothingLeft(host: ArchiveIntakeHost, archive: ArchiveRepository, batchId: number, actor: string): void {
  host.store.transaction(() => {
    const batch = archive.batch(batchId);
    if (batch?.status !== 'running') return;
    const p = archive.progress(batchId);
    if (p.done < p.total || archive.pendingJobs(batchId) > 0) return;
    archive.setStatus(batchId, 'done');
    host.audit.append({ actor, action: 'batch.done', subject: `batch:${batchId}`, details: { pages: p.total, failed: p.failed } });
  });
}

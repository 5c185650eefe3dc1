import type { EngineHandlers } from '../../shared/contract';
import type { BatchSignResult } from '../../shared/archive-types';
import { BatchNotFoundError } from '../archive/archive-errors';
import { controlBatch } from '../archive/batch-control';
import { batchReport } from '../archive/batch-report';
import { signBatch } from '../archive/batch-sign';
import { batchSigningContext } from '../archive/batch-signing-context';
import { batchQcView, batchSummary } from '../archive/batch-view';
import { markArchiveResult } from '../archive/mark-result';
import { approveAudited } from '../archive/qc-approve';
import { qcQueue } from '../archive/qc-queue';
import type { DeskContext } from './desk-context';

export type BatchMethod =
  | 'batch.list'
  | 'batch.qc'
  | 'batch.qcItems'
  | 'batch.report'
  | 'batch.approve'
  | 'batch.control'
  | 'batch.sign'
  | 'batch.signCancel'
  | 'batch.markResult';

interface SigningRun {
  work: Promise<BatchSignResult>;
  abort: AbortController;
  progress: { done: number; total: number };
}

/**
 * The archive team's QC station: batches and their progress, the QC queue, approval, pause / resume /
 * cancel, and bulk signing with the signer the session unlocked once (the desk's).
 */
export function batchHandlers(ctx: DeskContext): Pick<EngineHandlers, BatchMethod> {
  const { store, audit, events } = ctx;
  const archive = store.archive;
  const signing = new Map<number, SigningRun>();
  const known = (batchId: number) => {
    const batch = archive.batch(batchId);
    if (!batch) throw new BatchNotFoundError(String(batchId));
    return batch;
  };
  const signingOf = (batchId: number) => signing.get(batchId)?.progress ?? null;

  return {
    'batch.list': () => archive.batches().map((b) => batchSummary(archive, b, signingOf(b.id))),

    'batch.qc': ({ batchId }) => batchQcView(store, archive, batchId, signingOf(batchId)),

    'batch.qcItems': ({ batchId }) => {
      known(batchId);
      return { batchId, items: qcQueue(store, batchId) };
    },

    'batch.report': ({ batchId }) => batchReport(archive, batchId),

    'batch.approve': ({ batchId, dossierIds }) => {
      known(batchId);
      const approved = approveAudited(store, audit, ctx.actor, batchId, dossierIds ? { dossierIds } : 'clean');
      for (const id of approved) events.emit('dossier.changed', { id });
      return { approved };
    },

    'batch.control': ({ batchId, action }) => {
      known(batchId);
      const changed = controlBatch(store, audit, ctx.actor, batchId, action);
      return { changed, batch: batchSummary(archive, known(batchId), signingOf(batchId)) };
    },

    'batch.sign': ({ batchId }) => {
      known(batchId);
      const inFlight = signing.get(batchId);
      if (inFlight) return inFlight.work;
      const abort = new AbortController();
      const progress = { done: 0, total: 0 };
      const task = `batch-sign:${batchId}`;
      const work = signBatch(batchSigningContext(ctx, ctx.signer, ctx.actor), archive, batchId, {
        signal: abort.signal,
        onProgress: (p) => {
          Object.assign(progress, { done: p.done, total: p.total });
          events.emit('progress', { task, label: 'batch-sign', ...p });
        },
      }).finally(() => {
        signing.delete(batchId);
        events.emit('progress', { task, label: 'batch-sign-end', done: progress.done, total: progress.total });
      });
      signing.set(batchId, { work, abort, progress });
      return work;
    },

    'batch.markResult': ({ batchId, documentId, isResult, kind }) => {
      known(batchId);
      const marked = markArchiveResult({ store, audit, actor: ctx.actor }, batchId, documentId, isResult, kind);
      events.emit('dossier.changed', { id: marked.dossierId });
      return marked;
    },

    'batch.signCancel': ({ batchId }) => {
      const run = signing.get(batchId);
      run?.abort.abort();
      return { cancelled: run !== undefined };
    },
  };
}

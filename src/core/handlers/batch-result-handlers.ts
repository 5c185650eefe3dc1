import type { EngineHandlers } from '../../shared/contract';
import { splitArchiveResult } from '../archive/split-result';
import { BatchNotFoundError } from '../archive/archive-errors';
import type { DeskContext } from './desk-context';

/** The QC station's result document: the chosen pages of an archive folder split off as the dossier's result. */
export function batchResultHandlers(ctx: DeskContext): Pick<EngineHandlers, 'batch.splitResult'> {
  const { store, audit, events } = ctx;
  const archive = store.archive;
  return {
    'batch.splitResult': ({ batchId, documentId, pageIds, kind }) => {
      if (!archive.batch(batchId)) throw new BatchNotFoundError(String(batchId));
      const split = splitArchiveResult({ store, desk: ctx.desk, audit, actor: ctx.actor }, batchId, documentId, pageIds, kind);
      events.emit('dossier.changed', { id: split.dossierId });
      return split;
    },
  };
}

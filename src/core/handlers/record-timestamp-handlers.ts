import type { EngineHandlers } from '../../shared/contract';
import { addPendingTimestamps } from '../desk/add-pending-timestamps';
import { NotFoundError } from '../validation-error';
import type { ServiceContext } from './handler-context';

export type RecordTimestampMethod = 'record.pendingTimestamps' | 'record.addPendingTimestamps';

/** Records signed while the timestamp authority did not answer: which wait, and adding their timestamps now. */
export function recordTimestampHandlers(ctx: ServiceContext): Pick<EngineHandlers, RecordTimestampMethod> {
  const { store, audit, events } = ctx;
  const pending = store.timestampsPending;
  const known = (dossierId: number | undefined) => {
    if (dossierId !== undefined && !store.dossiers.get(dossierId)) throw new NotFoundError('dossier', dossierId);
  };
  return {
    'record.pendingTimestamps': ({ dossierId }) => {
      known(dossierId);
      const waiting = pending.list(dossierId);
      return {
        documentIds: waiting.map((p) => p.documentId),
        failures: waiting.flatMap((p) => (p.lastError ? [{ documentId: p.documentId, attempts: p.attempts, ...p.lastError }] : [])),
      };
    },
    'record.addPendingTimestamps': async ({ dossierId }) => {
      known(dossierId);
      const dossierOf = new Map(pending.list(dossierId).map((p) => [p.documentId, p.dossierId]));
      const result = await addPendingTimestamps({ store, audit, actor: ctx.actor }, dossierId);
      for (const id of new Set(result.stamped.map((s) => dossierOf.get(s.documentId)!))) events.emit('dossier.changed', { id });
      return result;
    },
  };
}

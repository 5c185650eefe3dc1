import type { EngineHandlers } from '../../shared/contract';
import { NotFoundError } from '../validation-error';
import type { ServiceContext } from './handler-context';

/**
 * Deleting a dossier is a recorded act, never silent: the dossier is marked deleted (who, when,
 * why) and leaves every list and search, while its documents, signed records and blobs are kept
 * for the archive's retention period. The audit event names what was deleted, with record hashes.
 */
export function dossierDeleteHandler(ctx: ServiceContext): Pick<EngineHandlers, 'dossier.delete'> {
  const { store, audit, events } = ctx;
  const now = ctx.now ?? (() => new Date());
  return {
    'dossier.delete': ({ id, reason }) => {
      const deleted = store.transaction(() => {
        const dossier = store.dossiers.get(id);
        if (!dossier) throw new NotFoundError('dossier', id);
        const { documents, records } = store.dossiers.contents(id);
        const at = now();
        store.dossiers.markDeleted(id, ctx.actor, reason, at);
        audit.append(
          {
            actor: ctx.actor,
            action: 'dossier.delete',
            subject: dossier.code,
            details: { id, reason, kind: dossier.kind, status: dossier.status, documents, records },
          },
          at,
        );
        return dossier;
      });
      events.emit('dossier.changed', { id });
      return { deleted: true, code: deleted.code };
    },
  };
}

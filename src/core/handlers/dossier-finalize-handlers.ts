import type { EngineHandlers } from '../../shared/contract';
import { DossierNotFinalizedError } from '../desk/desk-errors';
import { isLocked } from '../desk/dossier-lock';
import { finalizeDossier } from '../desk/finalize-dossier';
import { DossierAlreadyReturnedError } from '../result/result-errors';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';

/**
 * The dossier signed and filed with the session's signer. A finalized dossier is changed only after an
 * explicit, audited reopen; what changes then is signed again as a new version of its record, the
 * earlier signed versions stay.
 */
export function dossierFinalizeHandlers(ctx: DeskContext): Pick<EngineHandlers, 'dossier.finalize' | 'dossier.reopen'> {
  const { store, audit } = ctx;
  const running = new Map<number, ReturnType<typeof finalizeDossier>>();

  return {
    'dossier.finalize': ({ dossierId, confirmMissing }) => {
      if (!store.dossiers.get(dossierId)) throw new NotFoundError('dossier', dossierId);
      const inFlight = running.get(dossierId);
      if (inFlight) return inFlight;
      const work = finalizeDossier(
        {
          store,
          desk: ctx.desk,
          audit,
          events: ctx.events,
          signer: ctx.signer,
          actor: ctx.actor,
          agencyName: ctx.workstation.agencyName,
          now: ctx.now ?? (() => new Date()),
          progress: ctx.finalizing,
        },
        dossierId,
        { confirmMissing },
      ).finally(() => running.delete(dossierId));
      running.set(dossierId, work);
      return work;
    },

    'dossier.reopen': ({ id, reason }) => {
      const dossier = store.dossiers.get(id);
      if (!dossier) throw new NotFoundError('dossier', id);
      if (!isLocked(dossier.status)) throw new DossierNotFinalizedError(id);
      // The result was handed back: the dossier is closed for good.
      if (dossier.status === 'returned') throw new DossierAlreadyReturnedError(id, store.results.handBack(id)?.returnedAt ?? '');
      store.transaction(() => {
        ctx.desk.setDossierStatus(id, 'checking');
        store.dossiers.settleWorkStatus(id);
        audit.append({ actor: ctx.actor, action: 'dossier.reopen', subject: String(id), details: { from: dossier.status, reason } });
      });
      ctx.events.emit('dossier.changed', { id });
      return store.dossiers.get(id)!;
    },
  };
}

import type { EngineHandlers } from '../../shared/contract';
import { DossierNotFinalizedError } from '../desk/desk-errors';
import { isLocked } from '../desk/dossier-lock';
import { finalizeDossier } from '../desk/finalize-dossier';
import { DossierAlreadyReturnedError } from '../result/result-errors';
import { ResultRepository } from '../store/result-repository';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';
import { readablePathsOf } from './handler-context';

type Handlers = Pick<EngineHandlers, 'signer.unlock' | 'signer.unlockToken' | 'signer.status' | 'dossier.finalize' | 'dossier.reopen'>;

/**
 * Signing: the certificate unlocked once per session, the dossier signed and filed. A finalized dossier is changed only after an explicit, audited reopen; what
 * changes then is signed again as a new version of its record, the earlier signed versions stay.
 */
export function deskSignHandlers(ctx: DeskContext): Handlers {
  const { store, audit } = ctx;
  const running = new Map<number, ReturnType<typeof finalizeDossier>>();

  return {
    'signer.unlock': async ({ p12Path, password }) => {
      readablePathsOf(ctx).check(p12Path, 'pkcs12');
      const status = await ctx.signer.unlockP12(p12Path, password);
      audit.append({ actor: ctx.actor, action: 'signer.unlock', subject: status.subject ?? undefined, details: { kind: 'pkcs12' } });
      return status;
    },

    'signer.unlockToken': async ({ modulePath, tokenLabel, pin }) => {
      readablePathsOf(ctx).check(modulePath, 'pkcs11-module');
      const status = await ctx.signer.unlockToken({ modulePath, tokenLabel, pin });
      audit.append({
        actor: ctx.actor,
        action: 'signer.unlock',
        subject: status.subject ?? undefined,
        details: { kind: 'pkcs11', tokenLabel },
      });
      return status;
    },

    'signer.status': () => ctx.signer.status(),

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
      if (dossier.status === 'returned')
        throw new DossierAlreadyReturnedError(id, new ResultRepository(store.db).handBack(id)?.returnedAt ?? '');
      store.db.transaction(() => {
        ctx.desk.setDossierStatus(id, 'checking');
        store.dossiers.settleWorkStatus(id);
        audit.append({ actor: ctx.actor, action: 'dossier.reopen', subject: String(id), details: { from: dossier.status, reason } });
      })();
      ctx.events.emit('dossier.changed', { id });
      return store.dossiers.get(id)!;
    },
  };
}

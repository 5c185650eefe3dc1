import type { EngineHandlers } from '../../shared/contract';
import type { RecordVerification } from '../../shared/types';
import type { VerificationReport } from '../record/signature-report';
import { DossierNotFinalizedError } from '../desk/desk-errors';
import { isLocked } from '../desk/dossier-lock';
import { finalizeDossier } from '../desk/finalize-dossier';
import { readTrustAnchors, trustAnchorEntries, TRUST_ANCHORS_SETTING } from '../record/trust-anchors';
import { verifyPdf } from '../record/verify-pdf';
import { DossierAlreadyReturnedError } from '../result/result-errors';
import { ResultRepository } from '../store/result-repository';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';

type Handlers = Pick<EngineHandlers, 'dossier.finalize' | 'dossier.reopen' | 'record.verify'>;

/**
 * Signing: the dossier signed and filed with the certificate unlocked for the session (signer-handlers.ts),
 * a record's signature checked. A finalized dossier is changed only after an explicit, audited reopen; what
 * changes then is signed again as a new version of its record, the earlier signed versions stay.
 */
export function deskSignHandlers(ctx: DeskContext): Handlers {
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

    'record.verify': async ({ recordId }) => {
      const record = store.records.get(recordId);
      if (!record) throw new NotFoundError('record', recordId);
      const trustAnchors = readTrustAnchors(trustAnchorEntries(store.settings.get(TRUST_ANCHORS_SETTING)));
      const report = await verifyPdf(store.blobs.get(record.pdfSha256), { trustAnchors });
      const changed = report.modifiedAfterSigning.length > 0 ? [`changed after signing: ${report.modifiedAfterSigning.join(', ')}`] : [];
      return {
        recordId,
        intact: report.intact,
        code: report.intact ? null : (report.code ?? null),
        pageCount: report.pageCount,
        signatures: report.signatures.map((s) => ({
          signer: s.signer,
          valid: s.valid && s.trusted,
          signingTime: s.signingTime ?? null,
          problems: [...s.problems, ...(s.trustProblems ?? []), ...(s.index === 1 ? changed : [])],
        })),
        timestamp: latestTimestamp(report),
      };
    },
  };
}

function latestTimestamp(report: VerificationReport): RecordVerification['timestamp'] {
  const doc = report.documentTimestamps.at(-1);
  if (doc) return { time: doc.time, authority: doc.authority, valid: doc.valid, kind: 'document' };
  const sig = report.signatures.at(-1)?.timestamp;
  return sig ? { ...sig, kind: 'signature' } : null;
}

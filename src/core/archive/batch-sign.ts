import type { BatchSignResult } from '../../shared/archive-types';
import { CodedError } from '../../shared/errors';
import { DocumentEmptyError, DossierEmptyError, DossierNotReadyError } from '../desk/desk-errors';
import { finalizeDossier, type FinalizeContext } from '../desk/finalize-dossier';
import type { ArchiveRepository } from '../store/archive-repository';
import { BatchNotFoundError } from './archive-errors';

export interface BatchSignOptions {
  /** Aborted: the dossier in hand is finished, the rest stay unsigned for a later run. */
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; ratePerMinute?: number; etaSeconds?: number }) => void;
}

/**
 * Signs the approved, not yet signed dossiers of a batch with the session's signer, dossier by
 * dossier as the desk files one (each record gets its PAdES signature as a new version, goes to the
 * outbox, the dossier is finalized). What is signed is committed document by document, so a second
 * run signs nothing twice and a run cut short (crash, cancel) leaves only the rest to sign. A
 * dossier not ready (pages still processing, or failed) is skipped and named; a signer failure
 * (token pulled out, certificate refused) stops the run.
 */
export async function signBatch(
  ctx: FinalizeContext,
  archive: ArchiveRepository,
  batchId: number,
  options: BatchSignOptions = {},
): Promise<BatchSignResult> {
  if (!archive.batch(batchId)) throw new BatchNotFoundError(String(batchId));
  ctx.signer.require();
  const toSign = archive.dossiersToSign(batchId);
  const result: BatchSignResult = { batchId, total: toSign.length, signed: [], documentsSigned: 0, skipped: [], cancelled: false };
  const started = Date.now();
  const report = (done: number) => {
    const minutes = (Date.now() - started) / 60_000;
    const ratePerMinute = done > 0 && minutes > 0 ? done / minutes : undefined;
    options.onProgress?.({
      done,
      total: toSign.length,
      ratePerMinute,
      etaSeconds: ratePerMinute ? Math.round(((toSign.length - done) / ratePerMinute) * 60) : undefined,
    });
  };
  report(0);
  for (const [i, dossierId] of toSign.entries()) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    try {
      // The archivist's QC approval stands for the confirmation the desk asks of a clerk.
      const finalized = await finalizeDossier(ctx, dossierId, { confirmMissing: true });
      result.signed.push(dossierId);
      result.documentsSigned += finalized.signed.length;
    } catch (e) {
      if (!(e instanceof DossierNotReadyError || e instanceof DossierEmptyError || e instanceof DocumentEmptyError)) throw e;
      result.skipped.push({ dossierId, code: (e as CodedError).code });
    }
    report(i + 1);
  }
  ctx.audit.append({
    actor: ctx.actor,
    action: 'batch.sign',
    subject: `batch:${batchId}`,
    details: {
      total: result.total,
      signed: result.signed.length,
      documents: result.documentsSigned,
      skipped: result.skipped,
      cancelled: result.cancelled,
    },
  });
  return result;
}

import type { FinalizeProgress, FinalizeResult } from '../../shared/types';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../event-bus';
import { signPdf, type SignOptions } from '../record/sign-pdf';
import { TimestampError } from '../record/signer-errors';
import { rfc3161TimestampSource } from '../record/timestamp-client';
import { readSetting } from '../settings/read-setting';
import type { DeskRepository } from '../store/desk-repository';
import type { Store } from '../store/store';
import type { RecordRow } from '../store/record-repository';
import { ComponentsMissingError, DocumentEmptyError, DossierEmptyError, DossierNotReadyError } from './desk-errors';
import { dossierCompleteness } from './dossier-completeness';
import type { SignerSession } from './signer-session';

export interface FinalizeContext {
  store: Store;
  desk: DeskRepository;
  audit: AuditLog;
  events: EventBus;
  signer: SignerSession;
  actor: string;
  /** The stamp's agency for a dossier taken in before the agency was a setting; others carry their own. */
  agencyName: string;
  now: () => Date;
  /** Where each finalization in progress stands, for a window that reopens meanwhile. */
  progress: Map<number, FinalizeProgress>;
}

export interface FinalizeOptions {
  /** The clerk saw which of the procedure's components have no document and signs without them. */
  confirmMissing?: boolean;
}

/** Documents to sign, or the ones that stop the dossier from being signed. */
function recordsToSign(ctx: FinalizeContext, dossierId: number, options: FinalizeOptions) {
  const { emptyDocuments, missingComponents } = dossierCompleteness(ctx.store, ctx.desk, dossierId);
  if (emptyDocuments.length) throw new DocumentEmptyError(emptyDocuments);
  if (missingComponents.length && !options.confirmMissing) throw new ComponentsMissingError(missingComponents);
  const notReady: number[] = [];
  const toSign: { documentId: number; recordId: number }[] = [];
  const alreadySigned: number[] = [];
  for (const doc of ctx.store.documents.ofDossier(dossierId)) {
    const pages = ctx.store.pages.ofDocument(doc.id);
    const record = ctx.store.records.latest(doc.id);
    const pending = ctx.desk.pendingJobsOfDocument(doc.id) > 0;
    if (!record || pending || pages.some((p) => p.state !== 'read')) notReady.push(doc.id);
    else if (record.signed) alreadySigned.push(doc.id);
    else toSign.push({ documentId: doc.id, recordId: record.id });
  }
  if (notReady.length) throw new DossierNotReadyError(notReady);
  if (toSign.length + alreadySigned.length === 0) throw new DossierEmptyError(dossierId);
  return { toSign, alreadySigned, missingComponents };
}

/**
 * Signs each document's latest record (an incremental PAdES signature), stores the signed bytes
 * as the record's next version, queues it for the hub and marks the dossier finalized. A signed
 * version is committed document by document, so an interruption keeps what was signed and a
 * second run signs only the rest.
 */
export async function finalizeDossier(ctx: FinalizeContext, dossierId: number, options: FinalizeOptions = {}): Promise<FinalizeResult> {
  const { store, events } = ctx;
  const { signer, subject } = ctx.signer.require();
  const { toSign, alreadySigned, missingComponents } = recordsToSign(ctx, dossierId, options);
  const agencyName = store.dossiers.agencyOf(dossierId)?.name ?? ctx.agencyName;
  const task = `finalize:${dossierId}`;
  const tsaUrl = readSetting(store.settings, 'signing.tsa-url') as string;
  const timestamp = tsaUrl ? rfc3161TimestampSource({ url: tsaUrl }) : undefined;
  const total = toSign.length + alreadySigned.length;
  const signed: FinalizeResult['signed'] = [];
  const timestampPending: number[] = [];
  const report = (done: number) => {
    ctx.progress.set(dossierId, { done, total });
    events.emit('progress', { task, label: 'finalize', done, total });
    events.emit('dossier.changed', { id: dossierId });
  };
  report(alreadySigned.length);
  try {
    for (const { documentId, recordId } of toSign) {
      const record = store.records.get(recordId)!;
      const signingTime = ctx.now();
      const options: SignOptions = { signer, signingTime, stamp: { lines: ['SAO Y', agencyName, signingTime.toISOString()] } };
      const pdf = store.blobs.get(record.pdfSha256);
      // The authority not answering does not stop the intake: the record is signed without the
      // timestamp (B-B) and waits for a document timestamp, added when the authority answers.
      let unstamped: TimestampError | null = null;
      let bytes: Uint8Array;
      try {
        bytes = await signPdf(pdf, { ...options, timestamp });
      } catch (e) {
        if (!(e instanceof TimestampError) || !timestamp) throw e;
        unstamped = e;
        bytes = await signPdf(pdf, options);
      }
      const sha = store.blobs.put(Buffer.from(bytes));
      const version = commitSignedVersion(ctx, documentId, { sha, signer: subject, signingTime, unstamped });
      signed.push({ documentId, recordId: version.id, version: version.version });
      if (unstamped) timestampPending.push(documentId);
      report(alreadySigned.length + signed.length);
    }
    for (const documentId of alreadySigned) {
      const latest = store.records.latest(documentId)!;
      store.records.enqueueForSync(latest.id);
    }
    commitFinalized(ctx, dossierId, {
      signed: signed.length,
      alreadySigned: alreadySigned.length,
      ...(timestampPending.length ? { timestampPending } : {}),
      ...(missingComponents.length ? { missingConfirmed: missingComponents } : {}),
    });
  } finally {
    ctx.progress.delete(dossierId);
    events.emit('dossier.changed', { id: dossierId });
  }
  return { dossierId, signed, alreadySigned, timestampPending };
}

/** A signed version of a document's record, queued for the hub and audited, in one transaction (`unstamped`: it waits for a timestamp). */
export function commitSignedVersion(
  ctx: Pick<FinalizeContext, 'store' | 'audit' | 'actor'>,
  documentId: number,
  signed: { sha: string; signer: string; signingTime: Date; unstamped: TimestampError | null },
): RecordRow {
  const { store } = ctx;
  const { sha, signer, signingTime, unstamped } = signed;
  return store.transaction(() => {
    const v = store.records.addVersion(documentId, sha, { signer, signedAt: signingTime.toISOString() });
    store.records.enqueueForSync(v.id);
    if (unstamped)
      store.timestampsPending.mark(documentId, signingTime.toISOString(), { code: unstamped.code, message: unstamped.message });
    ctx.audit.append({
      actor: ctx.actor,
      action: 'record.sign',
      subject: String(documentId),
      details: { recordId: v.id, version: v.version, signer, pdfSha256: sha, ...(unstamped ? { timestamp: 'pending' } : {}) },
    });
    return v;
  });
}

/** The dossier finalized (its status and first finalization time) and audited with `details`, in one transaction. */
export function commitFinalized(
  ctx: Pick<FinalizeContext, 'store' | 'desk' | 'audit' | 'actor' | 'now'>,
  dossierId: number,
  details: Record<string, unknown>,
): void {
  ctx.store.transaction(() => {
    ctx.desk.setDossierStatus(dossierId, 'finalized');
    ctx.store.dossiers.markFinalized(dossierId, ctx.now().toISOString());
    ctx.audit.append({ actor: ctx.actor, action: 'dossier.finalize', subject: String(dossierId), details });
  });
}

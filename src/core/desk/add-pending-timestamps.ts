import { CodedError } from '../../shared/errors';
import type { PendingTimestampsResult } from '../../shared/types';
import type { AuditLog } from '../audit/audit-log';
import { TimestampError } from '../record/signer-errors';
import { rfc3161DigestTimestamper, type DigestTimestamper } from '../record/timestamp-client';
import { addDocumentTimestamp } from '../record/timestamp-pdf';
import { verifyPdf } from '../record/verify-pdf';
import { readSetting } from '../settings/read-setting';
import type { Store } from '../store/store';
import type { PendingTimestamp, TimestampProblem } from '../store/timestamp-pending-repository';
import { TimestampAddFailedError, TimestampUnverifiedError } from './pending-timestamp-errors';

interface StampContext {
  store: Store;
  audit: AuditLog;
  actor: string;
}

/**
 * Adds the document timestamp to each record signed while the authority did not answer (of one
 * dossier, or all), as an incremental update stored as the record's next version and queued for the
 * hub. Each failure is recorded against its document (the desk's notice and the sync status show it)
 * and audited. The authority refusing stops the round (it is still down, the rest wait for the next);
 * any other failure (a damaged blob, an answer that does not verify) stops only that document.
 */
export async function addPendingTimestamps(ctx: StampContext, dossierId?: number): Promise<PendingTimestampsResult> {
  const pending = ctx.store.timestampsPending;
  const waiting = pending.list(dossierId);
  const url = readSetting(ctx.store.settings, 'signing.tsa-url') as string;
  const stamped: PendingTimestampsResult['stamped'] = [];
  const failed: PendingTimestampsResult['failed'] = [];
  if (!url) return { stamped, failed, stillPending: waiting.map((w) => w.documentId) };
  const timestamper = rfc3161DigestTimestamper({ url });
  for (const item of waiting) {
    try {
      const done = await stampOne(ctx, item, timestamper);
      if (done) stamped.push(done);
    } catch (e) {
      const problem = problemOf(e, item.documentId);
      failed.push({ documentId: item.documentId, ...problem });
      recordFailure(ctx, item, problem);
      if (e instanceof TimestampError) break;
    }
  }
  return { stamped, failed, stillPending: pending.list(dossierId).map((p) => p.documentId) };
}

async function stampOne(ctx: StampContext, item: PendingTimestamp, timestamper: DigestTimestamper) {
  const { store } = ctx;
  const record = store.records.latest(item.documentId);
  if (!record?.signed) {
    // Withdrawn or re-signed unsigned since: nothing signed is left to date.
    store.timestampsPending.clear(item.documentId);
    return null;
  }
  const bytes = await addDocumentTimestamp(store.blobs.get(record.pdfSha256), { timestamper });
  const added = (await verifyPdf(bytes, { trustAnchors: [], fetchCrl: false })).documentTimestamps.at(-1);
  if (!added?.valid) throw new TimestampUnverifiedError(item.documentId);
  const sha = store.blobs.put(Buffer.from(bytes));
  const version = store.transaction(() => {
    const v = store.records.addVersion(item.documentId, sha, { signer: record.signer!, signedAt: record.signedAt! });
    store.records.enqueueForSync(v.id);
    store.timestampsPending.clear(item.documentId);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'record.timestamp',
      subject: String(item.documentId),
      details: { recordId: v.id, version: v.version, pdfSha256: sha, time: added.time, authority: added.authority, since: item.since },
    });
    return v;
  });
  return { documentId: item.documentId, recordId: version.id, version: version.version };
}

function problemOf(e: unknown, documentId: number): TimestampProblem {
  const coded = e instanceof CodedError ? e : new TimestampAddFailedError(documentId, e instanceof Error ? e.message : String(e));
  return { code: coded.code, message: coded.message };
}

/**
 * Against the document, and in the audit log when it is new for that document (a first failure, or
 * another code than the last): an authority that stays down does not write an event at every sync run.
 * When the store itself fails, the round's result still carries it.
 */
function recordFailure(ctx: StampContext, item: PendingTimestamp, problem: TimestampProblem): void {
  const repeated = item.lastError?.code === problem.code;
  try {
    ctx.store.transaction(() => {
      ctx.store.timestampsPending.failed(item.documentId, problem);
      if (repeated) return;
      ctx.audit.append({
        actor: ctx.actor,
        action: 'record.timestamp-failed',
        subject: String(item.documentId),
        details: { code: problem.code, message: problem.message, attempts: item.attempts + 1, since: item.since },
      });
    });
  } catch {
    // The store refused the record of it: the failure still reaches the caller through the result.
  }
}

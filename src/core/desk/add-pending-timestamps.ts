import type { PendingTimestampsResult } from '../../shared/types';
import type { AuditLog } from '../audit/audit-log';
import { TimestampError } from '../record/signer-errors';
import { rfc3161DigestTimestamper } from '../record/timestamp-client';
import { addDocumentTimestamp } from '../record/timestamp-pdf';
import { verifyPdf } from '../record/verify-pdf';
import { readSetting } from '../settings/read-setting';
import type { Store } from '../store/store';

/**
 * Adds the document timestamp to each record signed while the authority did not answer (of one
 * dossier, or all), as an incremental update stored as the record's next version and queued for the
 * hub. The first refusal stops the round: the authority is still down, the rest wait for the next.
 */
export async function addPendingTimestamps(
  ctx: { store: Store; audit: AuditLog; actor: string },
  dossierId?: number,
): Promise<PendingTimestampsResult> {
  const { store } = ctx;
  const pending = store.timestampsPending;
  const waiting = pending.list(dossierId);
  const url = readSetting(store.settings, 'signing.tsa-url') as string;
  const stamped: PendingTimestampsResult['stamped'] = [];
  if (!url) return { stamped, stillPending: waiting.map((w) => w.documentId) };
  const timestamper = rfc3161DigestTimestamper({ url });
  for (const item of waiting) {
    const record = store.records.latest(item.documentId);
    if (!record?.signed) {
      // Withdrawn or re-signed unsigned since: nothing signed is left to date.
      pending.clear(item.documentId);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await addDocumentTimestamp(store.blobs.get(record.pdfSha256), { timestamper });
    } catch (e) {
      if (!(e instanceof TimestampError)) throw e;
      pending.failed(item.documentId, e.message);
      break;
    }
    const added = (await verifyPdf(bytes, { trustAnchors: [], fetchCrl: false })).documentTimestamps.at(-1)!;
    const sha = store.blobs.put(Buffer.from(bytes));
    const version = store.transaction(() => {
      const v = store.records.addVersion(item.documentId, sha, { signer: record.signer!, signedAt: record.signedAt! });
      store.records.enqueueForSync(v.id);
      pending.clear(item.documentId);
      ctx.audit.append({
        actor: ctx.actor,
        action: 'record.timestamp',
        subject: String(item.documentId),
        details: { recordId: v.id, version: v.version, pdfSha256: sha, time: added.time, authority: added.authority, since: item.since },
      });
      return v;
    });
    stamped.push({ documentId: item.documentId, recordId: version.id, version: version.version });
  }
  return { stamped, stillPending: pending.list(dossierId).map((p) => p.documentId) };
}

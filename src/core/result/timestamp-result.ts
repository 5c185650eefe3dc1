import type { ResultTimestampResult } from '../../shared/result-contract';
import type { AuditLog } from '../audit/audit-log';
import { rfc3161DigestTimestamper } from '../record/timestamp-client';
import { addDocumentTimestamp } from '../record/timestamp-pdf';
import { verifyPdf } from '../record/verify-pdf';
import { readSetting } from '../settings/read-setting';
import type { Store } from '../store/store';
import { NotAResultError, ResultNotReadyError, ResultTimestampUnsignedError, TsaNotConfiguredError } from './result-errors';

export interface TimestampResultContext {
  store: Store;
  audit: AuditLog;
  actor: string;
}

/** The configured timestamp authority's URL, or undefined when none is. */
export function configuredTsaUrl(store: Store): string | undefined {
  const url = readSetting(store.settings, 'signing.tsa-url') as string;
  return url || undefined;
}

/**
 * Adds a PAdES document timestamp to a result's signed record (signed elsewhere, or by SoHoa while
 * the authority could not be reached) as an incremental update, stored as the record's next version
 * and queued for the hub. The signatures in it are left as they are, so they stay valid.
 */
export async function timestampResult(ctx: TimestampResultContext, documentId: number): Promise<ResultTimestampResult> {
  const { store } = ctx;
  const doc = store.results.resultOf(documentId);
  if (!doc?.isResult) throw new NotAResultError(documentId);
  const record = store.records.latest(documentId);
  if (!record) throw new ResultNotReadyError(documentId);
  const pdf = store.blobs.get(record.pdfSha256);
  const before = await verifyPdf(pdf, { trustAnchors: [], fetchCrl: false });
  if (before.signatures.length === 0) throw new ResultTimestampUnsignedError(documentId);
  const url = configuredTsaUrl(store);
  if (!url) throw new TsaNotConfiguredError();
  const bytes = await addDocumentTimestamp(pdf, { timestamper: rfc3161DigestTimestamper({ url }) });
  const added = (await verifyPdf(bytes, { trustAnchors: [], fetchCrl: false })).documentTimestamps.at(-1)!;
  const sha = store.blobs.put(Buffer.from(bytes));
  const version = store.transaction(() => {
    const signed = record.signed && record.signer && record.signedAt ? { signer: record.signer, signedAt: record.signedAt } : null;
    const v = store.records.addVersion(documentId, sha, signed, { sohoaTimestamped: true });
    store.records.enqueueForSync(v.id);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'result.timestamp',
      subject: String(documentId),
      details: { recordId: v.id, version: v.version, pdfSha256: sha, time: added.time, authority: added.authority },
    });
    return v;
  });
  return { documentId, recordId: version.id, version: version.version, time: added.time, authority: added.authority };
}

import { createHash } from 'node:crypto';
import { documentJobPlacement, pageJobPlacement } from '../jobs/job-placement';
import { PIPELINE_JOBS } from '../jobs/pipeline';
import type { DeskRepository } from '../store/desk-repository';
import type { Store } from '../store/store';

/** The fields a record carries in its XMP: a correction of one of them changes the record. */
export const RECORD_FIELDS: readonly string[] = ['docNumber', 'docDate'];

/**
 * After the clerk changes a document's pages or the fields its record carries, its record is built
 * again once every page is read (keyed by pages and corrections; queued again when that same state
 * was built before).
 */
export function reassembleWhenRead(store: Store, desk: DeskRepository, documentId: number): void {
  const pages = store.pages.ofDocument(documentId);
  if (pages.length === 0 || !pages.every((p) => p.state === 'read')) return;
  const corrections = desk
    .corrections(documentId)
    .filter((c) => RECORD_FIELDS.includes(c.name))
    .map((c) => `${c.name}=${c.value}`)
    .sort();
  const key = createHash('sha256')
    .update([...pages.map((p) => `${p.id}:${p.textSha256}:${p.cleanSha256}`), ...corrections].join('|'))
    .digest('hex');
  store.jobs.requeue(PIPELINE_JOBS.assemble, `${documentId}:${key}`, { documentId }, documentJobPlacement(store, documentId));
}

/** Reads a page again after its cleaned image changed; call in the transaction that changes it. */
export function rereadPage(store: Store, pageId: number, ocrImageSha256: string): void {
  const page = store.pages.get(pageId);
  store.jobs.requeue(PIPELINE_JOBS.read, `${pageId}:${ocrImageSha256}`, { pageId }, page ? pageJobPlacement(store, page) : { pageId });
}

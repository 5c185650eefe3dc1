import { createHash } from 'node:crypto';
import { PIPELINE_JOBS } from '../jobs/pipeline';
import type { DeskRepository } from '../store/desk-repository';
import type { Store } from '../store/store';

/**
 * After the clerk changes a document's pages, its record is built again once every page is read
 * (keyed like the pipeline's own assemble job; queued again when those same pages were built before).
 */
export function reassembleWhenRead(store: Store, desk: DeskRepository, documentId: number): void {
  const pages = store.pages.ofDocument(documentId);
  if (pages.length === 0 || !pages.every((p) => p.state === 'read')) return;
  const key = createHash('sha256').update(pages.map((p) => `${p.id}:${p.textSha256}:${p.cleanSha256}`).join('|')).digest('hex');
  desk.requeueJob(PIPELINE_JOBS.assemble, `${documentId}:${key}`, { documentId });
}

/** Reads a page again after its cleaned image changed. */
export function rereadPage(desk: DeskRepository, pageId: number, ocrImageSha256: string): void {
  desk.requeueJob(PIPELINE_JOBS.read, `${pageId}:${ocrImageSha256}`, { pageId });
}

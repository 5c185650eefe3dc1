import { CodedError } from '../../shared/errors';
import type { AddPagesResult } from '../../shared/types';
import { enqueuePage } from '../jobs/pipeline';
import type { Store } from '../store/store';

/** One page image from a capture source, or the coded reason that file could not give one. */
export type CapturedItem = { source: string; bytes: Buffer; warning?: CodedError } | { source: string; error: CodedError };

/**
 * Adds captured pages to a document: each image is written as a blob first, then its row and its
 * clean-up job are committed together. The same image twice in a document is one page; a bad file
 * is reported and the others go on.
 */
export async function addCapturedPages(
  store: Store,
  documentId: number,
  items: AsyncIterable<CapturedItem> | Iterable<CapturedItem>,
  onEach?: (done: number) => void,
): Promise<AddPagesResult> {
  const result: AddPagesResult = { added: [], duplicates: [], errors: [] };
  let done = 0;
  for await (const item of items) {
    if ('error' in item) result.errors.push({ source: item.source, code: item.error.code, message: item.error.message });
    else {
      if (item.warning) (result.warnings ??= []).push({ source: item.source, code: item.warning.code, message: item.warning.message });
      const sha = store.blobs.put(item.bytes);
      const { id, added } = commitCapturedPage(store, documentId, sha, item.source);
      (added ? result.added : result.duplicates).push(id);
    }
    onEach?.(++done);
  }
  return result;
}

/** A captured image (its blob already written) as a page of the document, with its clean-up job, in one transaction. */
export function commitCapturedPage(store: Store, documentId: number, imageSha256: string, source: string): { id: number; added: boolean } {
  return store.transaction(() => {
    const page = store.pages.addPage(documentId, imageSha256, source);
    if (page.added) {
      const added = store.pages.get(page.id)!;
      enqueuePage(store, added, imageSha256);
      store.dossiers.settleWorkStatus(added.dossierId);
    }
    return page;
  });
}

export class DocumentNotFoundError extends CodedError {
  constructor(id: number) {
    super('document.not-found', `No document ${id}`, { id });
  }
}

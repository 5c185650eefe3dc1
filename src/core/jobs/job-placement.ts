import { batchJobGroup } from '../store/job-group';
import type { JobPlacement } from '../store/job-repository';
import type { Store } from '../store/store';

/** A dossier of an archive batch has its pipeline jobs in the batch's group; a desk dossier's have none. */
function groupOfDossier(store: Store, dossierId: number): string | null {
  const batchId = store.dossiers.batchOf(dossierId);
  return batchId === null ? null : batchJobGroup(batchId);
}

/** Where a job on a page goes: its document, and the group of its dossier. */
export function pageJobPlacement(store: Store, page: { id: number; documentId: number; dossierId: number }): JobPlacement {
  return { group: groupOfDossier(store, page.dossierId), documentId: page.documentId, pageId: page.id };
}

/** Where a job on a whole document goes. */
export function documentJobPlacement(store: Store, documentId: number): JobPlacement {
  const doc = store.documents.fields(documentId);
  return { group: doc ? groupOfDossier(store, doc.dossierId) : null, documentId };
}

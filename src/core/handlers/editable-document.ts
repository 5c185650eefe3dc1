import { editableDossierOfDocument } from '../desk/dossier-lock';
import { DocumentNotFoundError } from '../intake/page-intake';
import type { Store } from '../store/store';

/** The id of the dossier a document belongs to, when pages may still be added to it. */
export function dossierOfEditableDocument(store: Store, documentId: number): number {
  const doc = store.documents.fields(documentId);
  if (!doc) throw new DocumentNotFoundError(documentId);
  return editableDossierOfDocument(store, documentId, doc.dossierId).id;
}

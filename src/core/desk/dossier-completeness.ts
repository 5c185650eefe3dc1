import type { DeskRepository } from '../store/desk-repository';
import type { Store } from '../store/store';

/** A document holds something to sign: pages of its own, or the record of the document it reuses. */
export function documentHasContent(store: Store, desk: DeskRepository, documentId: number): boolean {
  if (desk.reusedFrom(documentId) !== null) return store.records.latest(documentId) !== undefined;
  return store.pages.ofDocument(documentId).length > 0;
}

/**
 * What stands between the dossier and a complete signature: its documents with no content, and the
 * procedure's components that no document with content fills.
 */
export function dossierCompleteness(
  store: Store,
  desk: DeskRepository,
  dossierId: number,
): { emptyDocuments: number[]; missingComponents: string[] } {
  const dossier = store.dossiers.get(dossierId);
  const components = dossier?.procedureCode ? (store.procedures.get(dossier.procedureCode)?.components ?? []) : [];
  const emptyDocuments: number[] = [];
  const filled = new Set<string>();
  for (const doc of store.documents.ofDossier(dossierId)) {
    if (!documentHasContent(store, desk, doc.id)) emptyDocuments.push(doc.id);
    else if (doc.component) filled.add(doc.component);
  }
  return { emptyDocuments, missingComponents: components.filter((c) => !filled.has(c)) };
}

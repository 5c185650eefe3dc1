import type { Db } from './database';

/**
 * Queries about one component document as a whole. Creating documents and listing a dossier's still
 * live in PageRepository (issue 23, item 3: they move here in a later step).
 */
export class DocumentRepository {
  constructor(private readonly db: Db) {}

  /** Some page of the document is still to be read: neither read nor failed for good (an indexed look). */
  hasUnfinishedPages(documentId: number): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM page WHERE document_id = ? AND state NOT IN ('read', 'failed') LIMIT 1`).get(documentId) !== undefined
    );
  }

  /** The code of the dossier the document belongs to. */
  dossierCode(documentId: number): string | undefined {
    const row = this.db.prepare('SELECT d.code FROM document x JOIN dossier d ON d.id = x.dossier_id WHERE x.id = ?').get(documentId) as
      { code: string } | undefined;
    return row?.code;
  }
}

import type { DocumentSummary } from '../../shared/types';
import { cachedStatement } from './statement-cache';
import type { Db } from './database';

/** One document of a dossier, as listed (its pages aside); a result document (is_result) has its kind. */
export type DocumentRow = Omit<DocumentSummary, 'pages'>;

/** The component documents of a dossier as wholes: creating and listing them, and what was read from each. Their pages: PageRepository. */
export class DocumentRepository {
  constructor(private readonly db: Db) {}

  /** Adds an empty document at the end of the dossier. */
  create(dossierId: number, component: string | null, title: string | null): number {
    const position = (
      this.db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM document WHERE dossier_id = ?').get(dossierId) as { p: number }
    ).p;
    return Number(
      cachedStatement(this.db, 'INSERT INTO document (dossier_id, position, component, title, created_at) VALUES (?, ?, ?, ?, ?)').run(
        dossierId,
        position,
        component,
        title,
        new Date().toISOString(),
      ).lastInsertRowid,
    );
  }

  /** The documents of a dossier, in their order. */
  ofDossier(dossierId: number): DocumentRow[] {
    const rows = this.db
      .prepare(
        'SELECT id, position, component, title, doc_kind AS docKind, doc_number AS docNumber, doc_date AS docDate, is_result AS isResult, result_kind AS resultKind FROM document WHERE dossier_id = ? ORDER BY position',
      )
      .all(dossierId) as (Omit<DocumentRow, 'isResult'> & { isResult: number })[];
    return rows.map((r) => ({ ...r, isResult: r.isResult === 1 }));
  }

  setFields(documentId: number, fields: { docKind: string | null; docNumber: string | null; docDate: string | null; all: unknown }): void {
    cachedStatement(this.db, 'UPDATE document SET doc_kind = ?, doc_number = ?, doc_date = ?, fields = ? WHERE id = ?').run(
      fields.docKind,
      fields.docNumber,
      fields.docDate,
      JSON.stringify(fields.all),
      documentId,
    );
  }

  /** What was read from the document (its kind, number, date and all fields), with its dossier and title. */
  fields(
    documentId: number,
  ):
    | { docKind: string | null; docNumber: string | null; docDate: string | null; fields: unknown; dossierId: number; title: string | null }
    | undefined {
    const r = this.db
      .prepare(
        'SELECT doc_kind AS docKind, doc_number AS docNumber, doc_date AS docDate, fields, dossier_id AS dossierId, title FROM document WHERE id = ?',
      )
      .get(documentId) as
      | {
          docKind: string | null;
          docNumber: string | null;
          docDate: string | null;
          fields: string;
          dossierId: number;
          title: string | null;
        }
      | undefined;
    return r && { ...r, fields: JSON.parse(r.fields) };
  }

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

import type { Db } from './database';

export interface DocumentRefRow {
  id: number;
  dossierId: number;
  dossierCode: string;
  component: string | null;
  isResult: number;
  position: number;
}

export interface PageRefRow {
  id: number;
  documentId: number;
  position: number;
}

export interface RecordRefRow {
  id: number;
  documentId: number;
  version: number;
}

/** Rows of one table by a list of keys, in one statement (the keys travel as one JSON array). */
function byKeys<T extends { key: number | string }>(db: Db, sql: string, keys: Iterable<number | string>): Map<T['key'], T> {
  const list = [...new Set(keys)];
  if (list.length === 0) return new Map();
  const rows = db.prepare(sql).all(JSON.stringify(list)) as T[];
  return new Map(rows.map((r) => [r.key, r]));
}

const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/**
 * The names the audit log's subjects refer to, looked up a page of events at a time: one query per
 * kind of subject (dossier, document, page, record, batch, user), never one per event.
 */
export class AuditSubjectQueries {
  constructor(private readonly db: Db) {}

  documents(ids: Iterable<number>): Map<number, DocumentRefRow> {
    return byKeys<DocumentRefRow & { key: number }>(
      this.db,
      `SELECT d.id AS key, d.id, d.dossier_id AS dossierId, s.code AS dossierCode, d.component, d.is_result AS isResult, d.position
         FROM document d JOIN dossier s ON s.id = d.dossier_id WHERE d.id ${IN_LIST}`,
      ids,
    );
  }

  pages(ids: Iterable<number>): Map<number, PageRefRow> {
    return byKeys<PageRefRow & { key: number }>(
      this.db,
      `SELECT id AS key, id, document_id AS documentId, position FROM page WHERE id ${IN_LIST}`,
      ids,
    );
  }

  records(ids: Iterable<number>): Map<number, RecordRefRow> {
    return byKeys<RecordRefRow & { key: number }>(
      this.db,
      `SELECT id AS key, id, document_id AS documentId, version FROM record WHERE id ${IN_LIST}`,
      ids,
    );
  }

  dossierCodes(ids: Iterable<number>): Map<number, string> {
    const rows = byKeys<{ key: number; code: string }>(this.db, `SELECT id AS key, code FROM dossier WHERE id ${IN_LIST}`, ids);
    return new Map([...rows].map(([id, r]) => [id, r.code]));
  }

  batchNames(ids: Iterable<number>): Map<number, string> {
    const rows = byKeys<{ key: number; name: string }>(this.db, `SELECT id AS key, name FROM batch WHERE id ${IN_LIST}`, ids);
    return new Map([...rows].map(([id, r]) => [id, r.name]));
  }

  displayNames(usernames: Iterable<string>): Map<string, string> {
    const rows = byKeys<{ key: string; displayName: string }>(
      this.db,
      `SELECT username AS key, display_name AS displayName FROM user WHERE username ${IN_LIST}`,
      usernames,
    );
    return new Map([...rows].map(([name, r]) => [name, r.displayName]));
  }
}

import type { Db } from './database';
import { cachedStatement } from './statement-cache';

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  workstation_id: string | null;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  last(): AuditRow | undefined {
    return cachedStatement(this.db, 'SELECT * FROM audit_event ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined;
  }

  bySeq(seq: number): AuditRow | undefined {
    return this.db.prepare('SELECT * FROM audit_event WHERE seq = ?').get(seq) as AuditRow | undefined;
  }

  insert(row: AuditRow): void {
    cachedStatement(
      this.db,
      `INSERT INTO audit_event (seq, at, actor, workstation_id, action, subject, details, prev_hash, hash)
       VALUES (@seq, @at, @actor, @workstation_id, @action, @subject, @details, @prev_hash, @hash)`,
    ).run(row);
  }

  /** All events in the order they were written. */
  *iterate(): IterableIterator<AuditRow> {
    yield* this.db.prepare('SELECT * FROM audit_event ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
  }

  /** Events matching the filter, newest first, one page of them, and how many match in all. */
  list(filter: AuditFilter, limit: number, offset: number): { rows: AuditRow[]; total: number } {
    const w = auditWhere(filter);
    const rows = this.db
      .prepare(`SELECT * FROM audit_event WHERE ${w.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...w.params, limit, offset) as AuditRow[];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
    return { rows, total };
  }

  /** Every event matching the filter, oldest first (for export). */
  *iterateMatching(filter: AuditFilter): IterableIterator<AuditRow> {
    const w = auditWhere(filter);
    yield* this.db.prepare(`SELECT * FROM audit_event WHERE ${w.sql} ORDER BY seq`).iterate(...w.params) as IterableIterator<AuditRow>;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit_event').get() as { n: number }).n;
  }
}

export interface AuditFilter {
  /** ISO timestamps: `from` inclusive, `until` exclusive. */
  from?: string;
  until?: string;
  actor?: string;
  /** One action, exactly. */
  action?: string;
  /** Text found anywhere in the subject, or in the code of the dossier a subject id belongs to. */
  subject?: string;
  /** The actions whose subject is the id of a dossier, a document or a page (for `subject` to find them by dossier code). */
  subjectIds?: { dossier: string[]; document: string[]; page: string[] };
}

/** Ids (as the audit log stores them: text) of dossiers, documents and pages whose dossier code holds the text. */
const IDS_BY_CODE = {
  dossier: `SELECT CAST(id AS TEXT) FROM dossier WHERE instr(code, ?) > 0`,
  document: `SELECT CAST(d.id AS TEXT) FROM document d JOIN dossier s ON s.id = d.dossier_id WHERE instr(s.code, ?) > 0`,
  page: `SELECT CAST(p.id AS TEXT) FROM page p JOIN document d ON d.id = p.document_id JOIN dossier s ON s.id = d.dossier_id WHERE instr(s.code, ?) > 0`,
} as const;

function subjectClause(text: string, ids: AuditFilter['subjectIds']): [string, ...string[]] {
  if (!ids) return ['instr(subject, ?) > 0', text];
  const kinds = (['dossier', 'document', 'page'] as const).filter((k) => ids[k].length > 0);
  const sql = kinds.map((k) => `(action IN (SELECT value FROM json_each(?)) AND subject IN (${IDS_BY_CODE[k]}))`);
  return [`(instr(subject, ?) > 0 OR ${sql.join(' OR ')})`, text, ...kinds.flatMap((k) => [JSON.stringify(ids[k]), text])];
}

function auditWhere(f: AuditFilter): { sql: string; params: string[] } {
  const clauses: [string, ...string[]][] = [];
  if (f.from) clauses.push(['at >= ?', f.from]);
  if (f.until) clauses.push(['at < ?', f.until]);
  if (f.actor) clauses.push(['actor = ?', f.actor]);
  if (f.action) clauses.push(['action = ?', f.action]);
  if (f.subject) clauses.push(subjectClause(f.subject, f.subjectIds));
  return { sql: clauses.length ? clauses.map(([sql]) => sql).join(' AND ') : '1 = 1', params: clauses.flatMap(([, ...params]) => params) };
}

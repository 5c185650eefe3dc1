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
  /** Text found anywhere in the subject. */
  subject?: string;
}

function auditWhere(f: AuditFilter): { sql: string; params: string[] } {
  const clauses: [string, ...string[]][] = [];
  if (f.from) clauses.push(['at >= ?', f.from]);
  if (f.until) clauses.push(['at < ?', f.until]);
  if (f.actor) clauses.push(['actor = ?', f.actor]);
  if (f.action) clauses.push(['action = ?', f.action]);
  if (f.subject) clauses.push(['instr(subject, ?) > 0', f.subject]);
  return { sql: clauses.length ? clauses.map(([sql]) => sql).join(' AND ') : '1 = 1', params: clauses.flatMap(([, ...params]) => params) };
}

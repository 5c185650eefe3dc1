import type { Db } from './database';

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
    return this.db.prepare('SELECT * FROM audit_event ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined;
  }

  insert(row: AuditRow): void {
    this.db
      .prepare(
        `INSERT INTO audit_event (seq, at, actor, workstation_id, action, subject, details, prev_hash, hash)
         VALUES (@seq, @at, @actor, @workstation_id, @action, @subject, @details, @prev_hash, @hash)`,
      )
      .run(row);
  }

  /** All events in the order they were written. */
  *iterate(): IterableIterator<AuditRow> {
    yield* this.db.prepare('SELECT * FROM audit_event ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit_event').get() as { n: number }).n;
  }
}

import type pg from 'pg';
import { GENESIS_HASH, hashEvent } from '../core/audit/audit-log';
import type { HubQueryable } from './hub-transaction';

/** Appends are taken one at a time across hub instances (an advisory lock apart from the others). */
const HUB_AUDIT_LOCK = 7_302_013;

export interface HubAuditEvent {
  /** Who: an operator at the command line (`cli:<user>`), or the holder of an enrolment code (`code:<hash prefix>`). */
  actor: string;
  action: string;
  /** Whom it concerns: a workstation id, or none. */
  subject?: string;
  details?: Record<string, unknown>;
}

export interface HubAuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export type HubAuditVerdict =
  { ok: true; events: number } | { ok: false; events: number; brokenAt: number; reason: 'hash' | 'link' | 'sequence' };

/** The hash the workstation's log uses (audit-log.ts), with no workstation: the hub's own events. */
const hashOf = (row: Omit<HubAuditRow, 'hash'>) => hashEvent({ ...row, workstation_id: null });

/**
 * The hub's append-only, hash-chained audit log (hub-audit-schema.ts). `append` runs on the client of
 * the transaction that does what it records, so the act and its event are committed together.
 */
export class HubAuditLog {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async append(client: HubQueryable, event: HubAuditEvent): Promise<HubAuditRow> {
    await client.query('SELECT pg_advisory_xact_lock($1)', [HUB_AUDIT_LOCK]);
    const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM hub_audit ORDER BY seq DESC LIMIT 1');
    const last = rows[0];
    const base = {
      seq: Number(last?.seq ?? 0) + 1,
      at: this.now().toISOString(),
      actor: event.actor,
      action: event.action,
      subject: event.subject ?? null,
      details: JSON.stringify(event.details ?? {}),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const row = { ...base, hash: hashOf(base) };
    await client.query(
      'INSERT INTO hub_audit (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [row.seq, row.at, row.actor, row.action, row.subject, row.details, row.prev_hash, row.hash],
    );
    return row;
  }

  /** Every event, oldest first. */
  async list(pool: pg.Pool): Promise<HubAuditRow[]> {
    const { rows } = await pool.query<HubAuditRow & { seq: string }>(
      'SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM hub_audit ORDER BY seq',
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /** Walks the chain: each event numbered one after the last, linked to its hash, and hashing to what it says. */
  verify(rows: readonly HubAuditRow[]): HubAuditVerdict {
    let prevHash = GENESIS_HASH;
    for (const [i, row] of rows.entries()) {
      if (row.seq !== i + 1) return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'sequence' };
      if (row.prev_hash !== prevHash) return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'link' };
      const { hash, ...rest } = row;
      if (hashOf(rest) !== hash) return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'hash' };
      prevHash = hash;
    }
    return { ok: true, events: rows.length };
  }
}

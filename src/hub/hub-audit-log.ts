import type pg from 'pg';
import { GENESIS_HASH, hashEvent } from '../core/audit/audit-log';
import type { HubAnchorReading, HubAuditAnchor } from './hub-audit-anchor';
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

/** An anchor's verdict carries its code: the tail cut (`truncated`), the anchored event replaced (`rewritten`), the anchor missing or damaged. */
export type HubAuditVerdict =
  | { ok: true; events: number; anchored: boolean }
  | { ok: false; events: number; brokenAt: number; reason: 'hash' | 'link' | 'sequence' }
  | { ok: false; events: number; brokenAt: number; reason: 'truncated' | 'rewritten' | 'anchor-missing' | 'anchor-damaged'; code: string };

/** The hash the workstation's log uses (audit-log.ts), with no workstation: the hub's own events. */
const hashOf = (row: Omit<HubAuditRow, 'hash'>) => hashEvent({ ...row, workstation_id: null });

/**
 * The hub's append-only, hash-chained audit log (hub-audit-schema.ts). `append` runs on the client of
 * the transaction that does what it records, so the act and its event are committed together; after
 * the commit, `anchorHead` writes the log's head to the anchor file outside the database (hub-audit-anchor.ts).
 */
export class HubAuditLog {
  constructor(
    private readonly anchor: HubAuditAnchor | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {}

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

  /**
   * Writes the committed head to the anchor, only forward and only while the log still holds the
   * anchored event: a log cut or rewritten since keeps the anchor that shows it, as does a damaged
   * anchor. Run after each commit that appended (several instances each keep their own anchor, which
   * may lag behind the others' events until their next append). A failed write is tried again at the
   * next append: the act it follows is committed already and must not be reported as failed.
   */
  async anchorHead(db: HubQueryable): Promise<void> {
    if (!this.anchor) return;
    try {
      const { rows } = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM hub_audit ORDER BY seq DESC LIMIT 1');
      if (!rows[0]) return;
      const head = { seq: Number(rows[0].seq), hash: rows[0].hash };
      const before = this.anchor.read();
      if (before.kind === 'damaged') return;
      if (before.kind === 'head') {
        if (before.head.seq >= head.seq) return;
        const { rows: at } = await db.query<{ hash: string }>('SELECT hash FROM hub_audit WHERE seq = $1', [before.head.seq]);
        if (at[0]?.hash !== before.head.hash) return;
      }
      // Read again with no await in between: another append of this process may have moved it meanwhile.
      const now = this.anchor.read();
      if (now.kind === 'damaged' || (now.kind === 'head' && now.head.seq >= head.seq)) return;
      this.anchor.write(head);
    } catch {
      // Kept for the next append (see above).
    }
  }

  /** Every event, oldest first. */
  async list(pool: pg.Pool): Promise<HubAuditRow[]> {
    const { rows } = await pool.query<HubAuditRow & { seq: string }>(
      'SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM hub_audit ORDER BY seq',
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /**
   * Walks the chain: each event numbered one after the last, linked to its hash, and hashing to what it
   * says; then, with the anchor read, that the log still reaches the anchored event and holds it unchanged.
   */
  verify(rows: readonly HubAuditRow[], anchor?: HubAnchorReading): HubAuditVerdict {
    const chain = this.verifyChain(rows);
    if (!chain.ok || !anchor) return chain;
    const events = rows.length;
    if (anchor.kind === 'damaged')
      return { ok: false, events, brokenAt: events, reason: 'anchor-damaged', code: 'hub.audit-anchor-damaged' };
    if (anchor.kind === 'none')
      return events === 0
        ? { ok: true, events, anchored: true }
        : { ok: false, events, brokenAt: events, reason: 'anchor-missing', code: 'hub.audit-anchor-missing' };
    const { seq, hash } = anchor.head;
    if (seq > events) return { ok: false, events, brokenAt: events + 1, reason: 'truncated', code: 'hub.audit-truncated' };
    if (rows[seq - 1]!.hash !== hash) return { ok: false, events, brokenAt: seq, reason: 'rewritten', code: 'hub.audit-rewritten' };
    return { ok: true, events, anchored: true };
  }

  private verifyChain(rows: readonly HubAuditRow[]): HubAuditVerdict {
    let prevHash = GENESIS_HASH;
    for (const [i, row] of rows.entries()) {
      if (row.seq !== i + 1) return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'sequence' };
      if (row.prev_hash !== prevHash) return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'link' };
      const { hash, ...rest } = row;
      if (hashOf(rest) !== hash) return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'hash' };
      prevHash = hash;
    }
    return { ok: true, events: rows.length, anchored: false };
  }
}

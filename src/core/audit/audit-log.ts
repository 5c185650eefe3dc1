import { createHash } from 'node:crypto';
import type { AuditRepository, AuditRow } from '../store/audit-repository';
import type { AnchorReading, AuditHead } from './audit-anchor';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actor: string;
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
}

/** The hash of an event covers its fields and the previous event's hash, chaining the log. */
export function hashEvent(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([row.seq, row.at, row.actor, row.workstation_id, row.action, row.subject, row.details, row.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type AuditVerdict =
  | { ok: true; events: number }
  | {
      ok: false;
      events: number;
      brokenAt: number;
      reason: 'hash' | 'link' | 'sequence' | 'truncated' | 'anchor-forged' | 'anchor-missing' | 'anchor-damaged';
    };

/** Append-only, hash-chained event log. Call `append` inside the transaction of the act it records. */
export class AuditLog {
  constructor(
    private readonly repo: AuditRepository,
    private readonly workstationId: string | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  append(event: AuditEvent, at = this.now()): AuditRow {
    const last = this.repo.last();
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at: at.toISOString(),
      actor: event.actor,
      workstation_id: this.workstationId,
      action: event.action,
      subject: event.subject ?? null,
      details: JSON.stringify(event.details ?? {}),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const row = { ...base, hash: hashEvent(base) };
    this.repo.insert(row);
    return row;
  }

  /** The last event now committed, unless it disagrees with `anchored` (events removed since): then null, so the evidence stays. */
  headAfter(anchored: AuditHead | null): AuditHead | null {
    if (anchored && !this.holds(anchored)) return null;
    const last = this.repo.last();
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  /**
   * Walks the chain and reports the first event that was edited, removed or moved; with the anchor
   * kept outside the database, also events removed from the end of the log.
   */
  verify(anchor: AnchorReading): AuditVerdict {
    const chain = this.verifyChain();
    if (!chain.ok) return chain;
    if (anchor.kind === 'none') return { ok: false, events: chain.events, brokenAt: chain.events, reason: 'anchor-missing' };
    if (anchor.kind === 'damaged') return { ok: false, events: chain.events, brokenAt: chain.events, reason: 'anchor-damaged' };
    if (anchor.kind === 'forged') return { ok: false, events: chain.events, brokenAt: chain.events, reason: 'anchor-forged' };
    if (!this.holds(anchor.head)) return { ok: false, events: chain.events, brokenAt: chain.events + 1, reason: 'truncated' };
    return chain;
  }

  /** The log's head now (seq 0 and the genesis hash for an empty log). */
  head(): AuditHead {
    const last = this.repo.last();
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** The log still holds the event `head` names (seq 0: the empty log every log starts from). */
  holds(head: AuditHead): boolean {
    return head.seq === 0 ? head.hash === GENESIS_HASH : this.repo.bySeq(head.seq)?.hash === head.hash;
  }

  /** Whether the log's chain holds on its own, without the anchor (for re-anchoring). */
  chainIntact(): AuditVerdict {
    return this.verifyChain();
  }

  private verifyChain(): AuditVerdict {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let events = 0;
    for (const row of this.repo.iterate()) {
      events++;
      if (row.seq !== expectedSeq) return { ok: false, events, brokenAt: row.seq, reason: 'sequence' };
      if (row.prev_hash !== prevHash) return { ok: false, events, brokenAt: row.seq, reason: 'link' };
      const { hash, ...rest } = row;
      if (hashEvent(rest) !== hash) return { ok: false, events, brokenAt: row.seq, reason: 'hash' };
      prevHash = hash;
      expectedSeq++;
    }
    return { ok: true, events };
  }
}

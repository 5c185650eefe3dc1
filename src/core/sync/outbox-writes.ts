import type { OutboxRepository } from '../store/outbox-repository';

interface PendingWrite {
  change: () => void;
  /** Runs once the change is committed (e.g. telling the UI). */
  after?: () => void;
}

/**
 * Outbox changes (with their audit events) gathered and committed together, one SQLite transaction
 * for many records: a sync run writes two per record, and one commit each cost more than the upload.
 * Safe to defer because the hub's commit is idempotent: a change lost in a crash leaves the record
 * waiting (or sending, which a run resets), and sending it again answers the stored receipt.
 * Anything written directly must `flush()` first, so changes land in the order they were made.
 */
export class OutboxWrites {
  private pending: PendingWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A commit the timer made that failed: thrown to the next caller rather than lost. */
  private failure: unknown;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly maxPending = 32,
    /** A change waits at most this long, so a slow run still shows its progress. */
    private readonly maxDelayMs = 250,
  ) {}

  add(change: () => void, after?: () => void): void {
    this.pending.push({ change, after });
    if (this.pending.length >= this.maxPending) this.flush();
    else if (!this.timer)
      this.timer = setTimeout(() => {
        try {
          this.flush();
        } catch (e) {
          this.failure = e;
        }
      }, this.maxDelayMs);
  }

  flush(): void {
    if (this.failure) {
      const e = this.failure;
      this.failure = undefined;
      throw e;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    const writes = this.pending;
    if (writes.length === 0) return;
    this.pending = [];
    this.outbox.inTransaction(() => {
      for (const w of writes) w.change();
    });
    for (const w of writes) w.after?.();
  }
}

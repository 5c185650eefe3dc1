import type { JobState } from '../../shared/types';
import type { Db } from './database';

export interface Job {
  id: number;
  kind: string;
  key: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

interface JobRow {
  id: number;
  kind: string;
  key: string;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  key: r.key,
  payload: JSON.parse(r.payload),
  state: r.state,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
});

/**
 * Where a job belongs, set when it is queued: its group (pausing a group holds all its jobs; null: no
 * group) and the document and page it works on (the queries by document read these, not the payload).
 */
export interface JobPlacement {
  group?: string | null;
  documentId?: number | null;
  pageId?: number | null;
}

export interface EnqueueOptions extends JobPlacement {
  maxAttempts?: number;
}

/** Whether a job queued now in the group is held: its group was held and not released since. */
const HELD_NOW = `EXISTS (SELECT 1 FROM job_hold h WHERE h.job_group = ?)`;

/**
 * The durable job queue's SQL. A job is leased to one worker until `lease_until` (ms since epoch);
 * a worker that dies simply stops renewing, and the job is leased again once the lease runs out.
 * Jobs are unique per (kind, key), so enqueueing the same work twice adds nothing.
 */
export class JobRepository {
  constructor(private readonly db: Db) {}

  /** Queues a job once per (kind, key); a bare number is the attempts allowed, for jobs of no group. */
  enqueue(kind: string, key: string, payload: unknown, options: EnqueueOptions | number = {}): Job {
    const {
      maxAttempts = 3,
      group = null,
      documentId = null,
      pageId = null,
    } = typeof options === 'number' ? { maxAttempts: options } : options;
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO job (kind, key, payload, max_attempts, job_group, held, document_id, page_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ${HELD_NOW}, ?, ?, ?, ?)
         ON CONFLICT (kind, key) DO NOTHING`,
      )
      .run(kind, key, JSON.stringify(payload ?? {}), maxAttempts, group, group, documentId, pageId, now, now);
    return this.find(kind, key)!;
  }

  /**
   * Queues a job again even when the same work ran before (a page turned back, a page moved back);
   * a job still queued or running is left as it is.
   */
  requeue(kind: string, key: string, payload: unknown, placement: JobPlacement): void {
    const { group = null, documentId = null, pageId = null } = placement;
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO job (kind, key, payload, job_group, held, document_id, page_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ${HELD_NOW}, ?, ?, ?, ?)
         ON CONFLICT (kind, key) DO UPDATE SET state = 'queued', attempts = 0, lease_owner = NULL, lease_until = NULL, error = NULL,
           payload = excluded.payload, job_group = excluded.job_group, held = excluded.held, document_id = excluded.document_id,
           page_id = excluded.page_id, updated_at = excluded.updated_at
         WHERE state IN ('done', 'failed')`,
      )
      .run(kind, key, JSON.stringify(payload), group, group, documentId, pageId, now, now);
  }

  /** Holds the group's jobs, those queued later included, until it is released: no worker takes them. */
  holdGroup(group: string): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO job_hold (job_group, since) VALUES (?, ?) ON CONFLICT DO NOTHING').run(group, new Date().toISOString());
      this.db.prepare(`UPDATE job SET held = 1 WHERE job_group = ? AND state IN ('queued', 'leased') AND held = 0`).run(group);
    })();
  }

  /** Lets workers take the group's jobs again. */
  releaseGroup(group: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM job_hold WHERE job_group = ?').run(group);
      this.db.prepare('UPDATE job SET held = 0 WHERE job_group = ? AND held = 1').run(group);
    })();
  }

  /** The jobs of a page now work on another document (the page was moved or split off). */
  movePageJobs(pageId: number, documentId: number): void {
    this.db.prepare('UPDATE job SET document_id = ? WHERE page_id = ? AND document_id IS NOT ?').run(documentId, pageId, documentId);
  }

  /**
   * The jobs of pages that are gone work on no document and belong to no group any more: they are
   * not counted as work left, and one still queued fails when a worker takes it.
   */
  detachPageJobs(pageIds: readonly number[]): void {
    const detach = this.db.prepare('UPDATE job SET document_id = NULL, job_group = NULL, held = 0 WHERE page_id = ?');
    for (const id of pageIds) detach.run(id);
  }

  find(kind: string, key: string): Job | undefined {
    const row = this.db.prepare('SELECT * FROM job WHERE kind = ? AND key = ?').get(kind, key) as JobRow | undefined;
    return row && toJob(row);
  }

  get(id: number): Job | undefined {
    const row = this.db.prepare('SELECT * FROM job WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  /** The document the job works on. */
  documentOf(id: number): number | null {
    const row = this.db.prepare('SELECT document_id AS documentId FROM job WHERE id = ?').get(id) as
      { documentId: number | null } | undefined;
    return row?.documentId ?? null;
  }

  /** Jobs of the document still queued or running. */
  pendingOfDocument(documentId: number): number {
    return (
      this.db.prepare(`SELECT count(*) AS n FROM job WHERE document_id = ? AND state IN ('queued', 'leased')`).get(documentId) as {
        n: number;
      }
    ).n;
  }

  /** Jobs of the group still queued or running, held ones included. */
  pendingOfGroup(group: string): number {
    return (
      this.db.prepare(`SELECT count(*) AS n FROM job WHERE job_group = ? AND state IN ('queued', 'leased')`).get(group) as { n: number }
    ).n;
  }

  /** Jobs of the group and kind that finished since `since` (ISO time), and when the first of them did. */
  doneOfGroupSince(group: string, kind: string, since: string): { n: number; first: string | null } {
    return this.db
      .prepare(
        `SELECT count(*) AS n, min(updated_at) AS first FROM job WHERE job_group = ? AND state = 'done' AND kind = ? AND updated_at >= ?`,
      )
      .get(group, kind, since) as { n: number; first: string | null };
  }

  /**
   * Takes a ready job of the given kinds, not held: the oldest whose lease ran out (its worker died),
   * else the oldest queued one. A queued job has no lease time, so the `job_ready` index walks the
   * queue's jobs that are not held in id order and the search stops at the first job it may take.
   */
  lease(owner: string, kinds: string[], leaseMs: number, now = Date.now()): Job | undefined {
    if (kinds.length === 0) return undefined;
    const ofKinds = `kind IN (${kinds.map(() => '?').join(',')})`;
    const row = this.db
      .prepare(
        `UPDATE job SET state = 'leased', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
         WHERE id = coalesce(
           (SELECT id FROM job WHERE state = 'leased' AND held = 0 AND lease_until < ? AND ${ofKinds} ORDER BY id LIMIT 1),
           (SELECT id FROM job WHERE state = 'queued' AND held = 0 AND lease_until IS NULL AND ${ofKinds} ORDER BY id LIMIT 1))
         RETURNING *`,
      )
      .get(owner, now + leaseMs, new Date(now).toISOString(), now, ...kinds, ...kinds) as JobRow | undefined;
    return row && toJob(row);
  }

  /** Owners that hold leases now. */
  leaseOwners(): string[] {
    return (
      this.db.prepare(`SELECT DISTINCT lease_owner AS owner FROM job WHERE state = 'leased' AND lease_owner IS NOT NULL`).all() as {
        owner: string;
      }[]
    ).map((r) => r.owner);
  }

  /** Puts back in the queue every job leased by `owner` (a worker known to be dead). */
  releaseLeasesOf(owner: string): number {
    return this.db
      .prepare(`UPDATE job SET state = 'queued', lease_owner = NULL, lease_until = NULL WHERE state = 'leased' AND lease_owner = ?`)
      .run(owner).changes;
  }

  /** Extends a lease still held by `owner`; false when the lease was lost. */
  renew(id: number, owner: string, leaseMs: number, now = Date.now()): boolean {
    return (
      this.db.prepare(`UPDATE job SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'leased'`).run(now + leaseMs, id, owner)
        .changes === 1
    );
  }

  /** Marks the job done if `owner` still holds it; false when another worker took it over. */
  complete(id: number, owner: string, result: unknown): boolean {
    return (
      this.db
        .prepare(
          `UPDATE job SET state = 'done', result = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ? AND state = 'leased'`,
        )
        .run(JSON.stringify(result ?? null), new Date().toISOString(), id, owner).changes === 1
    );
  }

  /**
   * Records a failure: back to the queue while attempts remain, else failed for good. A permanent
   * failure (bad input, not a crash) is failed at once. Returns the job's new state, or undefined
   * when another worker holds it.
   */
  fail(id: number, owner: string, error: unknown, permanent = false): JobState | undefined {
    const row = this.db
      .prepare(
        `UPDATE job SET state = CASE WHEN ? OR attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
           error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND lease_owner = ? AND state = 'leased' RETURNING state`,
      )
      .get(permanent ? 1 : 0, JSON.stringify(error), new Date().toISOString(), id, owner) as { state: JobState } | undefined;
    return row?.state;
  }

  /** Gives a leased job back to the queue without counting the attempt (the machine, not the job, was at fault). */
  release(id: number, owner: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE job SET state = 'queued', attempts = max(0, attempts - 1), lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'leased'`,
        )
        .run(id, owner).changes === 1
    );
  }

  /** Queued and leased jobs that a worker would take: held ones are not counted. */
  pendingNotHeld(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM job WHERE state IN ('queued', 'leased') AND held = 0`).get() as { n: number }).n;
  }

  countsByState(): Record<JobState, number> {
    const counts: Record<JobState, number> = { queued: 0, leased: 0, done: 0, failed: 0 };
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM job GROUP BY state').all() as { state: JobState; n: number }[])
      counts[r.state] = r.n;
    return counts;
  }
}

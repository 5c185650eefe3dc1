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

/** The document a pipeline job works on: its payload names the document, or a page of it. */
export const JOB_DOCUMENT_SQL = `coalesce(json_extract(job.payload, '$.documentId'), (SELECT p.document_id FROM page p WHERE p.id = json_extract(job.payload, '$.pageId')))`;

/** The lease time of a queued job parked by a stopped batch (a queued job otherwise has none): the queue's search skips it. */
export const PARKED = '-1';

/**
 * Jobs of an archive batch that was paused or cancelled wait in the queue: no worker of any process
 * (a `sohoa batch` run, the app's pipeline) takes them until the batch is resumed.
 */
const NOT_HELD = `coalesce(${JOB_DOCUMENT_SQL}, 0) NOT IN (
  SELECT f.document_id FROM archive_folder f JOIN batch b ON b.id = f.batch_id WHERE b.status IN ('paused', 'cancelled'))`;

/**
 * The durable job queue's SQL. A job is leased to one worker until `lease_until` (ms since epoch);
 * a worker that dies simply stops renewing, and the job is leased again once the lease runs out.
 * Jobs are unique per (kind, key), so enqueueing the same work twice adds nothing.
 */
export class JobRepository {
  constructor(private readonly db: Db) {}

  enqueue(kind: string, key: string, payload: unknown, maxAttempts = 3): Job {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO job (kind, key, payload, max_attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, key) DO NOTHING`,
      )
      .run(kind, key, JSON.stringify(payload ?? {}), maxAttempts, now, now);
    return this.find(kind, key)!;
  }

  find(kind: string, key: string): Job | undefined {
    const row = this.db.prepare('SELECT * FROM job WHERE kind = ? AND key = ?').get(kind, key) as JobRow | undefined;
    return row && toJob(row);
  }

  get(id: number): Job | undefined {
    const row = this.db.prepare('SELECT * FROM job WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  /** The document the job works on (named by its payload, or through a page of it). */
  documentOf(id: number): number | null {
    const row = this.db.prepare(`SELECT ${JOB_DOCUMENT_SQL} AS documentId FROM job WHERE id = ?`).get(id) as
      { documentId: number | null } | undefined;
    return row?.documentId ?? null;
  }

  /**
   * Takes a ready job of the given kinds, not held by a stopped batch: the oldest whose lease ran out
   * (its worker died), else the oldest queued one. A queued job has no lease time, so the `job_ready`
   * index walks the queue in id order and the search stops at the first job it may take.
   */
  lease(owner: string, kinds: string[], leaseMs: number, now = Date.now()): Job | undefined {
    if (kinds.length === 0) return undefined;
    const ofKinds = `kind IN (${kinds.map(() => '?').join(',')})`;
    const row = this.db
      .prepare(
        `UPDATE job SET state = 'leased', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
         WHERE id = coalesce(
           (SELECT id FROM job WHERE state = 'leased' AND lease_until < ? AND ${ofKinds} AND ${NOT_HELD} ORDER BY id LIMIT 1),
           (SELECT id FROM job WHERE state = 'queued' AND lease_until IS NULL AND ${ofKinds} AND ${NOT_HELD} ORDER BY id LIMIT 1))
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

  /** Queued and leased jobs that a worker would take: those held by a paused or cancelled batch are not counted. */
  pendingNotHeld(): number {
    return (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM job WHERE state IN ('queued', 'leased') AND coalesce(lease_until, 0) <> ${PARKED} AND ${NOT_HELD}`,
        )
        .get() as { n: number }
    ).n;
  }

  countsByState(): Record<JobState, number> {
    const counts: Record<JobState, number> = { queued: 0, leased: 0, done: 0, failed: 0 };
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM job GROUP BY state').all() as { state: JobState; n: number }[])
      counts[r.state] = r.n;
    return counts;
  }
}

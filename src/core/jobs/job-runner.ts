import { randomUUID } from 'node:crypto';
import { CodedError } from '../../shared/errors';
import type { Job, JobRepository } from '../store/job-repository';
import type { Store } from '../store/store';

export interface JobContext {
  job: Job;
  signal: AbortSignal;
}

/**
 * A job handler. It must be idempotent: after a crash the same job runs again, so whatever it
 * writes is keyed by content (blobs by hash, rows by unique keys). What must commit together with
 * the job's completion goes in `commit`, run in the same transaction as marking the job done.
 */
export interface JobHandler<R = unknown> {
  run(ctx: JobContext): Promise<R>;
  commit?(ctx: JobContext, result: R): void;
  /** Runs, in the transaction that fails the job for good, when no attempt is left. */
  onFailed?(ctx: JobContext, error: { code: string; message: string }): void;
}

export interface JobRunnerOptions {
  /** The store's transaction: a job's completion and its handler's commit land together or not at all. */
  transaction: Store['transaction'];
  jobs: JobRepository;
  handlers: Record<string, JobHandler>;
  leaseMs?: number;
  /** Jobs run at once; a function is asked again as jobs end, so a changed setting applies to the next jobs. */
  concurrency?: number | (() => number);
  idleMs?: number;
  owner?: string;
  onChange?: (job: Job, state: string) => void;
  /**
   * The disk is full (ENOSPC, SQLITE_FULL): the job goes back to the queue, its attempt not
   * counted, and this is called; the runner takes no more jobs (the process stops; a new start tries again).
   */
  onDiskFull?: (error: Error) => void;
}

/** The disk (or the database on it) has no space left. */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT';
}

/** Leases jobs and runs their handlers, renewing leases while they work. */
export class JobRunner {
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly abort = new AbortController();
  private readonly loops = new Map<number, Promise<void>>();
  private diskFull = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.owner = options.owner ?? `${process.pid}-${randomUUID()}`;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  /**
   * Jobs leased by a process of this machine that no longer exists (killed, crashed) go back to
   * the queue at once instead of waiting for their leases to run out. Owners are `<pid>-<uuid>`.
   */
  releaseDeadLeases(): number {
    let released = 0;
    for (const owner of this.options.jobs.leaseOwners()) {
      const pid = Number(/^(\d+)-/.exec(owner)?.[1]);
      if (pid && pid !== process.pid && !isAlive(pid)) released += this.options.jobs.releaseLeasesOf(owner);
    }
    return released;
  }

  start(): void {
    this.releaseDeadLeases();
    this.fillLoops();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([...this.loops.values()]);
  }

  private concurrency(): number {
    const c = this.options.concurrency ?? 1;
    return Math.max(1, Math.floor(typeof c === 'function' ? c() : c));
  }

  /** One loop per job that may run at once; a loop past the number ends after its job. */
  private fillLoops(): void {
    if (this.abort.signal.aborted) return;
    const n = this.concurrency();
    for (let i = 0; i < n; i++) {
      if (this.loops.has(i)) continue;
      const loop = this.loop(i).finally(() => {
        if (this.loops.get(i) === loop) this.loops.delete(i);
      });
      this.loops.set(i, loop);
    }
  }

  /** Runs ready jobs until none is left; for the CLI and tests. */
  async drain(): Promise<number> {
    this.releaseDeadLeases();
    let ran = 0;
    while (await this.runOne()) ran++;
    return ran;
  }

  async runOne(): Promise<boolean> {
    const { jobs, handlers, transaction } = this.options;
    if (this.diskFull) return false;
    const job = jobs.lease(this.owner, Object.keys(handlers), this.leaseMs);
    if (!job) return false;
    this.options.onChange?.(job, 'leased');
    const handler = handlers[job.kind]!;
    const renewal = setInterval(() => jobs.renew(job.id, this.owner, this.leaseMs), Math.max(50, this.leaseMs / 3));
    const ctx: JobContext = { job, signal: this.abort.signal };
    try {
      const result = await handler.run(ctx);
      transaction(() => {
        if (!jobs.complete(job.id, this.owner, result)) throw new LeaseLostError(job.id);
        handler.commit?.(ctx, result);
      });
      this.options.onChange?.(job, 'done');
    } catch (e) {
      if (isDiskFull(e)) {
        this.diskFull = true;
        try {
          jobs.release(job.id, this.owner);
        } catch {
          // No room even for that: the lease runs out, or the next start gives it back (its owner is dead).
        }
        this.options.onDiskFull?.(e as Error);
      } else if (!(e instanceof LeaseLostError)) {
        // A coded error is a verdict on the input (corrupt image, bad certificate): retrying cannot help.
        const error = { code: e instanceof CodedError ? e.code : 'job.crashed', message: (e as Error)?.message ?? String(e) };
        transaction(() => {
          const state = jobs.fail(job.id, this.owner, error, e instanceof CodedError);
          if (state === 'failed') handler.onFailed?.(ctx, error);
        });
        this.options.onChange?.(job, 'failed');
      }
    } finally {
      clearInterval(renewal);
    }
    return true;
  }

  private async loop(index: number): Promise<void> {
    const idle = this.options.idleMs ?? 500;
    while (!this.abort.signal.aborted && index < this.concurrency()) {
      const worked = await this.runOne();
      if (!worked) await new Promise((r) => setTimeout(r, idle));
      this.fillLoops();
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

class LeaseLostError extends Error {
  constructor(id: number) {
    super(`Lease on job ${id} was lost`);
  }
}

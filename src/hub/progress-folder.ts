import type pg from 'pg';
import { foldPendingFigures } from './progress-figure-fold';

export interface ProgressFolderOptions {
  /** A fold at least this often while commits arrive (ms). */
  everyMs?: number;
  /** And after this many commits, whichever comes first. */
  afterCommits?: number;
  /** The pending table's statistics are taken again once this many commits were folded since the last time. */
  analyzeAfterCommits?: number;
  /** What a failed fold is told to (the pending rows stay and the next fold takes them). */
  onError?: (e: unknown) => void;
}

/**
 * Folds the pending figures in the background (progress-figure-fold.ts): on a timer, and after a number of commits, so
 * what /progress adds up at read time stays small. One fold at a time in this process; others wait for the next turn.
 */
export class ProgressFolder {
  private commits = 0;
  private foldedSinceAnalyze = 0;
  private running: Promise<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly everyMs: number;
  private readonly afterCommits: number;
  private readonly analyzeAfterCommits: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ProgressFolderOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 1000;
    this.afterCommits = options.afterCommits ?? 512;
    this.analyzeAfterCommits = options.analyzeAfterCommits ?? 1000;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      if (this.commits > 0) void this.fold();
    }, this.everyMs);
    this.timer.unref();
  }

  /** A commit appended pending figures. */
  noteCommit(): void {
    if (++this.commits >= this.afterCommits) void this.fold();
  }

  /** Folds now, unless a fold of this process is running (its promise is returned). */
  fold(): Promise<unknown> {
    if (this.running) return this.running;
    this.commits = 0;
    this.running = this.foldAndTidy()
      .catch((e: unknown) => this.options.onError?.(e))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * The pending table fills and empties with every fold, faster than autovacuum (once a minute at best) tidies it: the
   * rows a fold deletes stay in their pages, commits append to new ones, and every fold and every read of /progress
   * scanned them all, more with each fold (5 MB after a few seconds of the bench's ingest, the fold three times slower).
   * The folder vacuums it after each fold that took something, so commits write into the pages it freed and the table
   * stays the size of what is pending; without truncating it, which would wait for, then hold off, the commits.
   * Its statistics go stale the same way: with them from another moment, reading /progress took 450–600 ms at 1M
   * records instead of 10, right after a large ingest, and up to 1.9 s during one (bench/hub-indicators.bench.ts, "after
   * ANALYZE"): the vacuum analyses it too once enough commits were folded since the last time.
   */
  private async foldAndTidy(): Promise<void> {
    const folded = (await foldPendingFigures(this.pool)) ?? 0;
    if (folded === 0) return;
    this.foldedSinceAnalyze += folded;
    const analyze = this.foldedSinceAnalyze >= this.analyzeAfterCommits;
    if (analyze) this.foldedSinceAnalyze = 0;
    await this.pool.query(`VACUUM (TRUNCATE false${analyze ? ', ANALYZE' : ''}) progress_pending`);
  }

  /** Stops the timer and waits for a fold under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

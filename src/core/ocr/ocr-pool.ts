import { availableParallelism } from 'node:os';
import type { PageText } from '../../shared/page-text';
import { OcrPoolClosedError } from './errors/ocr-pool-closed-error';
import { OcrWorkerCrashedError } from './errors/ocr-worker-crashed-error';
import { OcrWorkerExitedError, type OcrEngineDriver, type OcrEngineWorker } from './ocr-engine-driver';

export interface OcrPoolOptions {
  /** Number of engine workers; default one per core. */
  workers?: number;
  /** Times a page is retried on a fresh worker after its worker crashed; default 1. */
  crashRetries?: number;
  /** A worker is replaced by a fresh one after this many pages, so engine memory cannot creep up
   * over long runs; default 50. 0 never recycles. */
  recycleAfterPages?: number;
}

export interface RecognizeOptions {
  /** Names the page in errors (a file name, a page id). */
  label?: string;
}

export interface OcrPoolStats {
  workers: number;
  busy: number;
  queued: number;
  pagesDone: number;
  crashes: number;
  recycled: number;
}

interface Job {
  image: Buffer;
  label?: string;
  crashes: number;
  resolve(page: PageText): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Promise<OcrEngineWorker> | null;
  busy: boolean;
  pages: number;
  /** Taken out of the pool by {@link OcrPool.resize}: its worker ends once its page is read. */
  retired?: boolean;
}

/**
 * A fixed set of OCR engine workers behind one queue. Pages are read in parallel, one per worker;
 * a worker that dies is replaced and its page retried, and the pool never holds a page after
 * answering for it.
 */
export class OcrPool {
  private readonly queue: Job[] = [];
  private readonly slots: Slot[];
  private readonly crashRetries: number;
  private readonly recycleAfterPages: number;
  private closed = false;
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private counters = { pagesDone: 0, crashes: 0, recycled: 0 };

  constructor(
    private readonly driver: OcrEngineDriver,
    options: OcrPoolOptions = {},
  ) {
    const size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.slots = Array.from({ length: size }, () => ({ worker: null, busy: false, pages: 0 }));
    this.crashRetries = options.crashRetries ?? 1;
    this.recycleAfterPages = options.recycleAfterPages ?? 50;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Reads one page image (PNG, JPEG, TIFF, …, as bytes). Rejects with a CodedError for that page only. */
  recognize(image: Buffer, options: RecognizeOptions = {}): Promise<PageText> {
    if (this.closed) return Promise.reject(new OcrPoolClosedError());
    return new Promise<PageText>((resolve, reject) => {
      this.queue.push({ image, label: options.label, crashes: 0, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Sets the number of workers for the pages to come. New slots start their worker on their first
   * page; a slot taken away ends its worker now when idle, else once its page is read.
   */
  resize(workers: number): void {
    const size = Math.max(1, Math.floor(workers));
    if (this.closed || size === this.slots.length) return;
    while (this.slots.length < size) this.slots.push({ worker: null, busy: false, pages: 0 });
    for (const slot of this.slots.splice(size)) {
      slot.retired = true;
      if (!slot.busy) void this.dropWorker(slot);
    }
    this.dispatch();
  }

  /** Resolves once no page is queued or being read. */
  async idle(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Starts every worker now rather than on the first pages (to take start-up out of a timing). */
  async warmUp(): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.workerOf(slot)));
  }

  stats(): OcrPoolStats {
    return {
      workers: this.slots.filter((s) => s.worker).length,
      busy: this.running,
      queued: this.queue.length,
      ...this.counters,
    };
  }

  /** Refuses queued pages, lets running ones finish, then terminates every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new OcrPoolClosedError());
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await Promise.all(this.slots.map((slot) => this.dropWorker(slot)));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.closed || this.queue.length === 0) return;
      if (slot.busy) continue;
      const job = this.queue.shift()!;
      slot.busy = true;
      this.running++;
      void this.run(slot, job).finally(() => {
        slot.busy = false;
        this.running--;
        if (this.running === 0 && (this.closed || this.queue.length === 0)) for (const wake of this.idleWaiters.splice(0)) wake();
        this.dispatch();
      });
    }
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    try {
      await this.readOn(slot, job);
    } finally {
      if (slot.retired) await this.dropWorker(slot);
    }
  }

  private async readOn(slot: Slot, job: Job): Promise<void> {
    let worker: OcrEngineWorker;
    try {
      worker = await this.workerOf(slot);
    } catch (e) {
      slot.worker = null;
      job.reject(e);
      return;
    }
    try {
      const page = await worker.recognize(job.image);
      this.counters.pagesDone++;
      job.resolve(page);
      slot.pages++;
      if (this.recycleAfterPages > 0 && slot.pages >= this.recycleAfterPages) {
        this.counters.recycled++;
        await this.dropWorker(slot);
      }
    } catch (e) {
      if (!(e instanceof OcrWorkerExitedError)) {
        job.reject(e);
        return;
      }
      this.counters.crashes++;
      slot.worker = null;
      job.crashes++;
      if (job.crashes > this.crashRetries) {
        job.reject(new OcrWorkerCrashedError(job.crashes, e.reason));
      } else if (this.closed) {
        job.reject(new OcrPoolClosedError());
      } else {
        this.queue.unshift(job);
      }
    }
  }

  private workerOf(slot: Slot): Promise<OcrEngineWorker> {
    if (!slot.worker) {
      const started = this.driver.startWorker();
      slot.worker = started;
      slot.pages = 0;
      // A worker that dies while idle is simply dropped; the next page starts a fresh one.
      void started.then(
        (worker) =>
          worker.onExit(() => {
            if (slot.worker === started) slot.worker = null;
          }),
        () => {
          if (slot.worker === started) slot.worker = null;
        },
      );
    }
    return slot.worker;
  }

  private async dropWorker(slot: Slot): Promise<void> {
    const started = slot.worker;
    slot.worker = null;
    slot.pages = 0;
    if (!started) return;
    try {
      await (await started).terminate();
    } catch {
      // a worker that failed to start or already died has nothing to terminate
    }
  }
}

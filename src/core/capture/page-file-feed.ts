import type { ChildProcess } from 'node:child_process';
import { readFile, unlink } from 'node:fs/promises';
import { stopProcess } from './child-process';
import type { ScannedPage, ScanSink } from './scan-driver';

/**
 * Hands the page files a scanning child process writes to the sink, one at a time and in
 * order. The first failure (or a cancel) stops the child; pages after it are not delivered.
 */
export class PageFileFeed {
  delivered = 0;
  failure: unknown;
  cancelled = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly onAbort = (): void => {
    this.cancelled = true;
    stopProcess(this.child);
  };

  constructor(
    private readonly child: ChildProcess,
    private readonly sink: ScanSink,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (signal?.aborted) this.onAbort();
  }

  /** Queues the file at `path`: read, removed, turned into a page by `toPage`, given to the sink. */
  push(path: string, toPage: (bytes: Buffer) => Promise<Omit<ScannedPage, 'index'>>): void {
    this.chain = this.chain.then(() => this.deliver(path, toPage));
  }

  /** Waits for the pages queued so far, and stops listening for a cancel. */
  async settle(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    await this.chain;
  }

  private async deliver(path: string, toPage: (bytes: Buffer) => Promise<Omit<ScannedPage, 'index'>>): Promise<void> {
    if (this.failure !== undefined || this.cancelled) return;
    try {
      const bytes = await readFile(path);
      await unlink(path);
      const page = await toPage(bytes);
      if (this.cancelled) return;
      await this.sink.onPage({ ...page, index: this.delivered });
      this.delivered++;
    } catch (err) {
      this.failure = err;
      stopProcess(this.child);
    }
  }
}

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RecordVerdict, RecordVerifier } from './record-verifier';

interface Task {
  id: number;
  bytes: Uint8Array;
  resolve: (verdict: RecordVerdict) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
}

/** One worker fewer than the cores: the hub's own thread (HTTP, hashing, PostgreSQL) keeps one. */
export const defaultVerifyWorkers = () => Math.max(1, availableParallelism() - 1);

/**
 * Full PAdES verification in a pool of worker threads, so a ~60 ms check per record neither blocks
 * the hub's event loop nor leaves the other cores idle. Workers start on first use; one that dies
 * fails its record (the workstation retries) and is replaced.
 */
export class PooledPadesVerifier implements RecordVerifier {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  /** `trustAnchors`: PEM text, handed to each worker. */
  constructor(
    private readonly trustAnchors: readonly string[],
    private readonly size = defaultVerifyWorkers(),
  ) {}

  verify(bytes: Uint8Array): Promise<RecordVerdict> {
    if (this.closed) return Promise.reject(new Error('The verifier pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const t of this.queue.splice(0)) t.reject(new Error('The verifier pool is closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      // A view into a larger buffer (a record inside a batch body) would be cloned with all of it.
      const whole = task.bytes.byteLength === task.bytes.buffer.byteLength ? task.bytes : task.bytes.slice();
      slot.worker.postMessage({ id: task.id, bytes: whole });
    }
  }

  private start(): Slot {
    const worker = startTsWorker(new URL('./pades-worker.ts', import.meta.url), { trustAnchors: [...this.trustAnchors] });
    const slot: Slot = { worker, task: undefined };
    worker.on('message', (m: { id: number; verdict: RecordVerdict }) => {
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      slot.task = undefined;
      task.resolve(m.verdict);
      this.pump();
    });
    const lost = (e: Error) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      slot.task?.reject(e);
      slot.task = undefined;
      if (!this.closed) this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`A verifier worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}

/**
 * A worker running a TypeScript module: the hub runs through tsx (`bin/sohoa.mjs` registers it in
 * the main thread only), so the worker registers tsx itself before importing the module.
 */
function startTsWorker(module: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HotFolderJournal, JOURNAL_NAME } from './hot-folder-journal';

/** A file found in a hot folder, handed to the consumer. */
export interface HotFolderFile {
  name: string;
  /** Where the file is while the consumer runs (the folder's root). */
  path: string;
  bytes: Buffer;
  sha256: string;
  size: number;
  mtimeMs: number;
  /** An earlier attempt was interrupted by a crash and may have done part of the work. */
  retry: boolean;
}

export interface HotFolderOutcome {
  name: string;
  sha256: string;
  outcome: 'imported' | 'failed';
  /** Where the file now is. */
  movedTo: string;
  /** True when the consumer was not called this time because the journal showed it had already answered. */
  recovered: boolean;
}

export interface HotFolderConfig {
  dir: string;
  onFile(file: HotFolderFile): Promise<void> | void;
  /** How long size and mtime must stay unchanged before a file is taken. Default 2000 ms. */
  settleMs?: number;
  /** Default 1000 ms. Polling works on network shares, where change events do not. */
  pollMs?: number;
  /** Which names to take; others are left alone. Default: every file. */
  accept?(name: string): boolean;
  onOutcome?(outcome: HotFolderOutcome): void;
  /** Problems not tied to the consumer (a move that failed, an unreadable folder). */
  onError?(error: unknown, name?: string): void;
  /** Monotonic milliseconds; tests may drive it. */
  now?(): number;
}

export const IMPORTED_DIR = 'imported';
export const FAILED_DIR = 'failed';

/** Names writers use while a file is incomplete, and files systems put in folders. */
const NOT_YET_OR_NOT_OURS = /^\.|^~\$|\.(part|partial|tmp|temp|crdownload|download)$|^(thumbs\.db|desktop\.ini)$/i;

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

/**
 * A folder that scanners or people drop files into.
 *
 * The rule, so that a file is imported once even across crashes and restarts:
 * - a file is taken once its size and mtime have not changed for `settleMs` and it can
 *   be read (a file still locked by its writer waits);
 * - before the consumer is called, the drop (name + SHA-256 of its bytes) is journaled
 *   as `started`; after it answers, as `imported` or `failed`; then the file is renamed
 *   into `imported/` or `failed/` (same volume, so the rename is atomic) and the drop is
 *   journaled as `moved`;
 * - at start, and whenever a file is met again, its journal state decides: `imported` or
 *   `failed` means only the move is left to do, and the consumer is not called again;
 *   `started` means the process died while the consumer ran: the consumer is called
 *   again with `retry: true`, and must be idempotent for that case (the pipeline is, as
 *   it keys its work by content hash). So delivery is exactly once except for a crash
 *   inside the consumer, where it is at least once and flagged.
 * - A later drop of a file with the same name and content, after the first has left the
 *   root, is a new drop.
 * The journal (`.sohoa-hotfolder.jsonl` in the folder) is compacted at each start to the
 * drops still in the root, so it stays small.
 */
export class HotFolder {
  private readonly journal: HotFolderJournal;
  private readonly seen = new Map<string, Seen>();
  private readonly now: () => number;
  private loaded = false;
  private running = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();

  constructor(private readonly config: HotFolderConfig) {
    this.journal = new HotFolderJournal(config.dir);
    this.now = config.now ?? (() => performance.now());
  }

  /** Opens the folder (creating `imported/` and `failed/`) and polls until stop(). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.open();
    this.running = true;
    this.stopping = false;
    const tick = (): void => {
      void this.poll()
        .catch((err: unknown) => this.config.onError?.(err))
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, this.config.pollMs ?? 1000);
        });
    };
    tick();
  }

  /** Stops polling; waits for the file being imported, if any. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.current;
    this.stopping = false;
  }

  /** One pass over the folder. start() calls it on a timer; it can also be driven by hand. Passes never overlap. */
  poll(): Promise<HotFolderOutcome[]> {
    const pass = this.current.then(() => this.pass());
    this.current = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<HotFolderOutcome[]> {
    await this.open();
    const outcomes: HotFolderOutcome[] = [];
    const names = await this.candidates();
    for (const name of [...this.seen.keys()]) if (!names.includes(name)) this.seen.delete(name);
    for (const name of names) {
      const outcome = await this.consider(name);
      if (outcome) {
        outcomes.push(outcome);
        this.config.onOutcome?.(outcome);
      }
      if (this.stopping) break;
    }
    return outcomes;
  }

  private async open(): Promise<void> {
    if (this.loaded) return;
    await mkdir(join(this.config.dir, IMPORTED_DIR), { recursive: true });
    await mkdir(join(this.config.dir, FAILED_DIR), { recursive: true });
    await this.journal.load(new Set(await this.candidates()));
    this.loaded = true;
  }

  private async candidates(): Promise<string[]> {
    const entries = await readdir(this.config.dir, { withFileTypes: true });
    return entries
      .filter(
        (e) =>
          e.isFile() &&
          ![JOURNAL_NAME, IMPORTED_DIR, FAILED_DIR].includes(e.name) &&
          !NOT_YET_OR_NOT_OURS.test(e.name) &&
          (this.config.accept?.(e.name) ?? true),
      )
      .map((e) => e.name)
      .sort();
  }

  private async consider(name: string): Promise<HotFolderOutcome | undefined> {
    const path = join(this.config.dir, name);
    const now = this.now();
    let info;
    try {
      info = await stat(path);
    } catch {
      this.seen.delete(name);
      return undefined;
    }
    const before = this.seen.get(name);
    if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
      this.seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
      return undefined;
    }
    if (now - before.since < (this.config.settleMs ?? 2000)) return undefined;

    let bytes: Buffer;
    try {
      bytes = await readFile(path);
      const after = await stat(path);
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.length !== before.size) {
        this.seen.delete(name);
        return undefined;
      }
    } catch {
      // Locked by its writer (Windows) or gone: look again next time.
      this.seen.delete(name);
      return undefined;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const outcome = await this.importOnce({ name, path, bytes, sha256, size: info.size, mtimeMs: info.mtimeMs, retry: false });
    if (outcome) this.seen.delete(name);
    return outcome;
  }

  private async importOnce(file: HotFolderFile): Promise<HotFolderOutcome | undefined> {
    const known = this.journal.stateOf(file.name, file.sha256);
    if (known?.state === 'imported') return this.moveOut(file, IMPORTED_DIR, undefined, true);
    if (known?.state === 'failed') return this.moveOut(file, FAILED_DIR, known.reason, true);

    await this.journal.append({ event: 'started', name: file.name, sha256: file.sha256 });
    let reason: { code: string; message: string } | undefined;
    try {
      await this.config.onFile({ ...file, retry: known?.state === 'started' });
    } catch (err) {
      reason = reasonOf(err);
    }
    if (reason) {
      await this.journal.append({ event: 'failed', name: file.name, sha256: file.sha256, reason });
      return this.moveOut(file, FAILED_DIR, reason, false);
    }
    await this.journal.append({ event: 'imported', name: file.name, sha256: file.sha256 });
    return this.moveOut(file, IMPORTED_DIR, undefined, false);
  }

  private async moveOut(
    file: HotFolderFile,
    sub: string,
    reason: { code: string; message: string } | undefined,
    recovered: boolean,
  ): Promise<HotFolderOutcome | undefined> {
    const dir = join(this.config.dir, sub);
    try {
      const target = await freeName(dir, file.name);
      if (reason) {
        const text = [
          `code: ${reason.code}`,
          `message: ${reason.message}`,
          `sha256: ${file.sha256}`,
          `time: ${new Date().toISOString()}`,
          '',
        ].join('\n');
        await writeFile(join(dir, `${target}.reason.txt`), text);
      }
      await rename(file.path, join(dir, target));
      await this.journal.append({ event: 'moved', name: file.name, sha256: file.sha256 });
      return { name: file.name, sha256: file.sha256, outcome: reason ? 'failed' : 'imported', movedTo: join(dir, target), recovered };
    } catch (err) {
      this.config.onError?.(err, file.name);
      return undefined;
    }
  }
}

function reasonOf(err: unknown): { code: string; message: string } {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'hotfolder.consumer-failed';
  const message = err instanceof Error ? err.message : String(err);
  return { code, message };
}

/** `name`, or `stem-2.ext`, `stem-3.ext`… : the first not yet used in dir (with its reason file). */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    if (!(await exists(join(dir, candidate))) && !(await exists(join(dir, `${candidate}.reason.txt`)))) return candidate;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

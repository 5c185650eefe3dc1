import { open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const JOURNAL_NAME = '.sohoa-hotfolder.jsonl';

/**
 * One line of a hot folder's journal. A drop is keyed by its name and content hash:
 * `started` before the consumer is called, `imported`/`failed` once it has answered,
 * `moved` once the file has left the folder's root.
 */
export interface JournalEntry {
  event: 'started' | 'imported' | 'failed' | 'moved';
  name: string;
  sha256: string;
  at: string;
  reason?: { code: string; message: string };
}

export type DropState = { state: 'started' } | { state: 'imported' } | { state: 'failed'; reason: { code: string; message: string } };

/** The journal of one hot folder: appended with fsync, compacted when the folder is opened. */
export class HotFolderJournal {
  private readonly path: string;
  private readonly open = new Map<string, DropState>();

  constructor(dir: string) {
    this.path = join(dir, JOURNAL_NAME);
  }

  private static key(name: string, sha256: string): string {
    return `${name}\u0000${sha256}`;
  }

  /** Reads the journal and rewrites it keeping only the drops still in the folder's root. */
  async load(namesInRoot: Set<string>): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.open.clear();
    const kept: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        continue; // a line torn by a crash mid-append
      }
      this.apply(entry);
      kept.push(entry);
    }
    const live = kept.filter((e) => namesInRoot.has(e.name) && this.open.has(HotFolderJournal.key(e.name, e.sha256)));
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, live.map((e) => JSON.stringify(e) + '\n').join(''));
    await rename(tmp, this.path);
    for (const k of [...this.open.keys()]) if (!namesInRoot.has(k.split('\u0000')[0]!)) this.open.delete(k);
  }

  stateOf(name: string, sha256: string): DropState | undefined {
    return this.open.get(HotFolderJournal.key(name, sha256));
  }

  async append(entry: Omit<JournalEntry, 'at'>): Promise<void> {
    const full: JournalEntry = { ...entry, at: new Date().toISOString() };
    const handle = await open(this.path, 'a');
    try {
      await handle.write(JSON.stringify(full) + '\n');
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.apply(full);
  }

  private apply(entry: JournalEntry): void {
    const key = HotFolderJournal.key(entry.name, entry.sha256);
    if (entry.event === 'moved') this.open.delete(key);
    else if (entry.event === 'failed')
      this.open.set(key, { state: 'failed', reason: entry.reason ?? { code: 'unknown', message: 'unknown' } });
    else this.open.set(key, { state: entry.event });
  }
}

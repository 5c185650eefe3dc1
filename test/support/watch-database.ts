import type { Db } from '../../src/core/store/database';
import { peekDatabase } from './data-key';

/**
 * Reads a data directory's store while another process writes it, for tests that watch a running
 * batch. Opening the encrypted store derives its key (tens of milliseconds of CPU), so one
 * connection is kept once the store is there, instead of one per look: polling it then costs the
 * watched process nothing on a two-core machine. Each query sees the latest commit.
 */
export function watchDatabase(dataDir: string): { get<T>(sql: string, fallback: T): T; close(): void } {
  let db: Db | null = null;
  return {
    get<T>(sql: string, fallback: T): T {
      db ??= peekDatabase(dataDir);
      if (!db) return fallback;
      try {
        return (db.prepare(sql).get() as T) ?? fallback;
      } catch {
        return fallback; // the schema is not there yet
      }
    },
    close() {
      db?.close();
      db = null;
    },
  };
}

/** Watched stores by data directory, one connection each, closed together at the end of a test file. */
export function watchedStores(): { get<T>(dataDir: string, sql: string, fallback: T): T; closeAll(): void } {
  const open = new Map<string, ReturnType<typeof watchDatabase>>();
  return {
    get<T>(dataDir: string, sql: string, fallback: T): T {
      let watched = open.get(dataDir);
      if (!watched) open.set(dataDir, (watched = watchDatabase(dataDir)));
      return watched.get(sql, fallback);
    },
    closeAll() {
      for (const watched of open.values()) watched.close();
      open.clear();
    },
  };
}

import type { Db } from '../store/database';
import { storeVersion } from '../store/store-version';

/**
 * Figures computed once per state of the store: kept only while the store's change mark stays the
 * same, and all dropped at the first write. Nothing is counted here; a figure is always what its query
 * returned from the rows as they are now. Each is computed in one read transaction, so its parts agree.
 */
export class StatsCache {
  private version = '';
  private readonly entries = new Map<string, unknown>();

  constructor(
    private readonly db: Db,
    private readonly capacity = 32,
  ) {}

  get<T>(key: string, compute: () => T): T {
    const version = storeVersion(this.db);
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = this.db.transaction(compute)();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return value;
  }
}

const caches = new WeakMap<Db, StatsCache>();

/** The one cache of a database connection, shared by every set of handlers on it. */
export function statsCacheOf(db: Db): StatsCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new StatsCache(db)));
  return cache;
}

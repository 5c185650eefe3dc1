import type { Store } from '../store/store';

type CachedStore = Pick<Store, 'changeMark' | 'transaction'>;

/**
 * Figures computed once per state of the store: kept only while the store's change mark stays the
 * same, and all dropped at the first write. Nothing is counted here; a figure is always what its query
 * returned from the rows as they are now. Each is computed in one read transaction, so its parts agree.
 */
export class StatsCache {
  private version = '';
  private readonly entries = new Map<string, unknown>();

  constructor(
    private readonly store: CachedStore,
    private readonly capacity = 32,
  ) {}

  get<T>(key: string, compute: () => T): T {
    const version = this.store.changeMark();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = this.store.transaction(compute);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return value;
  }
}

const caches = new WeakMap<CachedStore, StatsCache>();

/** The one cache of a store, shared by every set of handlers on it. */
export function statsCacheOf(store: CachedStore): StatsCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StatsCache(store)));
  return cache;
}

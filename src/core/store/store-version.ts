import type { Db } from './database';

/**
 * The store's change mark: `PRAGMA data_version` moves when another connection (the CLI, another
 * process) commits, `total_changes()` when this connection inserts, updates or deletes a row. Any
 * write moves one of them.
 */
export function storeVersion(db: Db): string {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${dataVersion}:${changes}`;
}

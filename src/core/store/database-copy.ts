import type { Db } from './database';

/** A consistent copy of the open database in one file (encrypted with the same key), taken while it stays in use. */
export function copyDatabaseInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

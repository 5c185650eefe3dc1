import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

export const DB_FILE = 'sohoa.db';

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What is on disk: no database yet, one from an earlier version in clear, or an encrypted one. Reads 16 bytes, opens nothing. */
export function databaseState(dataDir: string): 'none' | 'plain' | 'encrypted' {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) return 'none';
  const head = Buffer.alloc(PLAIN_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, head, 0, head.length, 0) < head.length) return 'none';
  } finally {
    closeSync(fd);
  }
  return head.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
}

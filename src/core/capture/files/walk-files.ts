import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { naturalCompare } from './natural-order';

/**
 * Files under `root` (or `root` itself when it is a file), depth first, each folder's
 * entries in natural name order. Hidden entries (dot files) are skipped.
 */
export async function* walkFiles(root: string, depth = 0): AsyncGenerator<string> {
  const info = await stat(root);
  if (!info.isDirectory()) {
    yield root;
    return;
  }
  let listing;
  try {
    listing = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if (depth === 0) throw error;
    yield root; // reading it as a file fails, and that failure is reported for this folder alone
    return;
  }
  const entries = listing.filter((e) => !e.name.startsWith('.')).sort((a, b) => naturalCompare(a.name, b.name));
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) yield* walkFiles(path, depth + 1);
    else if (entry.isFile()) yield path;
  }
}

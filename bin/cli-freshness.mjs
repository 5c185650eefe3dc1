// Whether the built CLI (out/main/cli.js) may run: it exists and no source it was built from changed since.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built CLI's path under `root`, or null when it is missing, its source list is missing or unreadable,
 * or any listed source is gone or was modified after the build started (then `sohoa` runs the sources).
 */
export function freshBuiltCli(root) {
  const cli = join(root, 'out', 'main', 'cli.js');
  let manifest;
  try {
    statSync(cli);
    manifest = JSON.parse(readFileSync(join(root, 'out', 'main', 'cli-sources.json'), 'utf8'));
  } catch {
    return null;
  }
  if (typeof manifest.builtAt !== 'number' || !Array.isArray(manifest.sources) || manifest.sources.length === 0) return null;
  for (const source of manifest.sources) {
    const stat = statSync(join(root, source), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > manifest.builtAt) return null;
  }
  return cli;
}

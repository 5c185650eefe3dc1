import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `resources` folder holding `entry`, found upwards from a module: the same code runs from its
 * source file (src/core/…), from the built bundle (out/main or out/main/chunks) and from the packaged
 * app, at a different depth in each, so a fixed relative path fits only one layout. Falls back to
 * `fallback` (relative to the module) when none is found.
 */
export function findResourcesDir(moduleUrl: string, entry: string, fallback: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'resources', entry))) return join(dir, 'resources');
    if (dirname(dir) === dir) return fileURLToPath(new URL(fallback, moduleUrl));
  }
}

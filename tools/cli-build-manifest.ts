import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

/** Name of the list, next to the built CLI, of the source files the CLI was built from (read by bin/cli-freshness.mjs). */
export const CLI_SOURCES_FILE = 'cli-sources.json';

interface BundleChunk {
  type: 'chunk';
  isEntry: boolean;
  name: string;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
}

/**
 * Writes `out/main/cli-sources.json`: when the build started and every project file bundled into the CLI
 * entry and the chunks it loads, so `sohoa` can tell whether a source changed since the build.
 */
export function cliBuildManifest(root: string, entryName = 'cli'): Plugin {
  let startedAt = 0;
  return {
    name: 'sohoa-cli-build-manifest',
    buildStart() {
      startedAt = Date.now();
    },
    writeBundle(options, bundle) {
      const chunks = new Map(
        Object.entries(bundle)
          .filter(([, c]) => c.type === 'chunk')
          .map(([file, c]) => [file, c as unknown as BundleChunk]),
      );
      const entry = [...chunks.entries()].find(([, c]) => c.isEntry && c.name === entryName);
      if (!entry || !options.dir) return;
      const seen = new Set<string>();
      const pending = [entry[0]];
      while (pending.length) {
        const file = pending.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        const chunk = chunks.get(file);
        if (chunk) pending.push(...chunk.imports, ...chunk.dynamicImports);
      }
      const sources = [...seen]
        .flatMap((file) => chunks.get(file)?.moduleIds ?? [])
        .filter((id) => !id.startsWith('\0') && !id.includes('/node_modules/') && id.startsWith(root))
        .map((id) => relative(root, id.split('?')[0]!))
        .sort();
      writeFileSync(join(options.dir, CLI_SOURCES_FILE), `${JSON.stringify({ builtAt: startedAt, sources }, null, 1)}\n`);
    },
  };
}

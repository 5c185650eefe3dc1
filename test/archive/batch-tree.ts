import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_IMAGES = new URL('../fixtures/vi-admin/images/', import.meta.url).pathname;

/** A dossier folder of a test tree: its path under the root and the corpus pages it holds. */
export interface TreeDossier {
  relPath: string;
  pages: string[];
  junk?: string[];
}

/** Writes a folder tree of scans: each dossier folder gets its corpus pages as p1.png, p2.png, … */
export function writeTree(root: string, dossiers: TreeDossier[]): void {
  for (const d of dossiers) {
    const dir = join(root, d.relPath);
    mkdirSync(dir, { recursive: true });
    d.pages.forEach((file, i) => copyFileSync(join(CORPUS_IMAGES, file), join(dir, `p${i + 1}.png`)));
    for (const name of d.junk ?? []) writeFileSync(join(dir, name), 'not an image\n');
  }
}

/** Files under a folder, recursively, not counting temp files. */
export function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countFiles(join(dir, e.name));
    else if (!e.name.endsWith('.tmp')) n++;
  }
  return n;
}

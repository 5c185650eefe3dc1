import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

export const CORPUS_IMAGES = new URL('../fixtures/vi-admin/images/', import.meta.url).pathname;

/** A dossier folder of a test tree: its path under the root and the pages it holds (corpus names or paths). */
export interface TreeDossier {
  relPath: string;
  pages: string[];
  junk?: string[];
}

/** Writes a folder tree of scans: each dossier folder gets its pages as p1.png, p2.png, … */
export function writeTree(root: string, dossiers: TreeDossier[]): void {
  for (const d of dossiers) {
    const dir = join(root, d.relPath);
    mkdirSync(dir, { recursive: true });
    d.pages.forEach((file, i) => copyFileSync(resolve(CORPUS_IMAGES, file), join(dir, `p${i + 1}.png`)));
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

/**
 * Small pages (a 4 x 1.7 in slip at 300 dpi, three lines of Vietnamese text, each page its own
 * number) for tests where what a page says does not matter: they go through clean-up and OCR in a
 * fraction of an A4 scan's time, and are not blank. Written into `dir`; their paths, in order.
 */
export async function writeSmallPages(dir: string, count: number, first = 1): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let n = first; n < first + count; n++) {
    const lines = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      `Trang thử số ${n} — hồ sơ lưu trữ`,
      `Ngày ${(n % 28) + 1} tháng ${(n % 12) + 1} năm 2020`,
    ];
    const text = lines.map((line, i) => `<text x="80" y="${140 + i * 120}">${line}</text>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="520"><rect width="100%" height="100%" fill="#f8f8f6"/><g font-family="DejaVu Sans" font-size="44" fill="#1a1a1a">${text}</g></svg>`;
    const path = join(dir, `small-${n}.png`);
    await sharp(Buffer.from(svg)).greyscale().withMetadata({ density: 300 }).png().toFile(path);
    paths.push(path);
  }
  return paths;
}

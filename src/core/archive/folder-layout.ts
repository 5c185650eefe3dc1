import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { naturalCompare } from '../capture/files/natural-order';
import { numberKey } from './register-values';

/** A folder holding one dossier's pages: `<root>/<box>/<dossier>/` or `<root>/<dossier>/`. */
export interface DossierFolder {
  path: string;
  relPath: string;
  box: string;
  boxKey: string;
  name: string;
  numberKey: string;
}

export interface FolderLayout {
  dossiers: DossierFolder[];
  /** Files lying in the root or in a box folder, outside any dossier folder. */
  loose: string[];
}

const visible = (name: string) => !name.startsWith('.');

/**
 * Splits a batch folder into dossiers by its structure. A first-level folder with files in it is a
 * dossier; one with only folders in it is a box whose folders are dossiers. Pages are everything
 * under a dossier folder (sub-folders included, natural order).
 */
export async function readFolderLayout(root: string): Promise<FolderLayout> {
  const dossiers: DossierFolder[] = [];
  const loose: string[] = [];
  const list = async (dir: string) =>
    (await readdir(dir, { withFileTypes: true })).filter((e) => visible(e.name)).sort((a, b) => naturalCompare(a.name, b.name));
  const add = (path: string, box: string, name: string) =>
    dossiers.push({
      path,
      relPath: relative(root, path).split('\\').join('/'),
      box,
      boxKey: box ? numberKey(box) : '',
      name,
      numberKey: numberKey(name),
    });
  for (const top of await list(root)) {
    const topPath = join(root, top.name);
    if (!top.isDirectory()) {
      loose.push(topPath);
      continue;
    }
    const inside = await list(topPath);
    if (inside.some((e) => e.isFile())) {
      add(topPath, '', top.name);
      continue;
    }
    for (const sub of inside) if (sub.isDirectory()) add(join(topPath, sub.name), top.name, sub.name);
  }
  return { dossiers, loose };
}

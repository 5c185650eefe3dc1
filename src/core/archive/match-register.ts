import type { DossierFolder } from './folder-layout';
import type { RegisterRow } from './register-import';

export interface FolderMatch {
  folder: DossierFolder;
  row: RegisterRow | null;
}

/**
 * Pairs dossier folders with register rows by dossier number, and by box where both have one. A
 * folder with no box matches a row only when one row has that number. Each row is taken once.
 */
export function matchFolders(folders: DossierFolder[], rows: RegisterRow[]): { matches: FolderMatch[]; missing: RegisterRow[] } {
  const taken = new Set<RegisterRow>();
  const matches = folders.map((folder) => {
    const candidates = rows.filter(
      (r) => !taken.has(r) && r.numberKey === folder.numberKey && (!folder.boxKey || !r.boxKey || r.boxKey === folder.boxKey),
    );
    const exact = candidates.filter((r) => r.boxKey === folder.boxKey);
    const row = exact.length === 1 ? exact[0]! : candidates.length === 1 ? candidates[0]! : null;
    if (row) taken.add(row);
    return { folder, row };
  });
  return { matches, missing: rows.filter((r) => !taken.has(r)) };
}

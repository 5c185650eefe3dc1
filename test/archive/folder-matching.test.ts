import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFolderLayout } from '../../src/core/archive/folder-layout';
import { matchFolders } from '../../src/core/archive/match-register';
import { parseRegister } from '../../src/core/archive/register-import';
import { tempDir } from '../support/temp-dir';

function touch(root: string, rel: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), 'x');
}

describe('splitting a batch folder into dossiers and matching the register', () => {
  const dir = tempDir('sohoa-layout-');
  afterAll(() => dir.remove());

  it('reads box/dossier and dossier-only folders in natural order, and names loose files', async () => {
    const root = join(dir.path, 'mixed');
    for (const rel of ['Hop 10/HS 2/a.png', 'Hop 2/HS 10/a.png', 'Hop 2/HS 9/sub/b.png', 'HS 5/a.png', 'loose.png', '.hidden/HS 1/a.png'])
      touch(root, rel);
    const layout = await readFolderLayout(root);
    expect(layout.dossiers.map((d) => [d.relPath, d.boxKey, d.numberKey])).toEqual([
      ['Hop 2/HS 9', '2', '9'],
      ['Hop 2/HS 10', '2', '10'],
      ['Hop 10/HS 2', '10', '2'],
      ['HS 5', '', '5'],
    ]);
    expect(layout.loose).toEqual([join(root, 'loose.png')]);
  });

  it('matches by box and number; a folder without a box matches only an unambiguous number', async () => {
    const { rows } = parseRegister(Buffer.from('Hộp số,Hồ sơ số\n2,9\n10,2\n1,5\n3,5\n2,7\n'), 'r.csv');
    const root = join(dir.path, 'match');
    for (const rel of ['Hop 2/HS 9/a.png', 'Hop 10/HS 2/a.png', 'Hop 2/HS 10/a.png', 'HS 5/a.png', 'HS 7/a.png']) touch(root, rel);
    const { matches, missing } = matchFolders((await readFolderLayout(root)).dossiers, rows);
    expect(matches.map((m) => [m.folder.relPath, m.row?.line ?? null])).toEqual([
      ['Hop 2/HS 9', 2],
      ['Hop 2/HS 10', null],
      ['Hop 10/HS 2', 3],
      ['HS 5', null], // boxes 1 and 3 both have a dossier 5
      ['HS 7', 6],
    ]);
    expect(missing.map((r) => r.line)).toEqual([4, 5]);
  });
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databaseState } from '../../src/core/store/database';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { REPO } from '../support/cli';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { writeTree, type TreeDossier } from './batch-tree';

const TREE: TreeDossier[] = [
  { relPath: 'HS 1', pages: ['viadm-c0af.png', 'viadm-eb2a.png'] },
  { relPath: 'HS 2', pages: ['viadm-18d1.png'] },
];
const pageFiles = TREE.reduce((n, d) => n + d.pages.length, 0);

/** Pages the pipeline has read so far, as another process sees the store (0 before it exists). */
function pagesRead(dbFile: string): number {
  if (!existsSync(dbFile) || databaseState(dirname(dbFile)) !== 'encrypted') return 0;
  const db = openRawDatabase(dirname(dbFile), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM page WHERE state = 'read'").get() as { n: number }).n;
  } catch {
    return 0; // the schema is not there yet
  } finally {
    db.close();
  }
}

describe('sohoa batch killed with SIGKILL and started again', () => {
  const dir = tempDir('sohoa-batch-kill-');
  const tree = join(dir.path, 'tree');
  const register = join(dir.path, 'register.csv');
  const dataDir = join(dir.path, 'data');
  const dbFile = join(dataDir, 'sohoa.db');
  const args = ['bin/sohoa.mjs', 'batch', tree, '--manifest', register, '--data-dir', dataDir, '--workers', '1'];
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    dir.remove();
  });

  it('processes every page exactly once after a kill in the middle', async () => {
    writeTree(tree, TREE);
    writeFileSync(register, 'Hồ sơ số,Tiêu đề,Số trang\n1,Một,2\n2,Hai,1\n');
    child = spawn(process.execPath, args, { cwd: REPO, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.on('exit', (_code, signal) => resolve(signal)));
    let read = 0;
    while (read === 0 && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
      read = pagesRead(dbFile);
    }
    expect(read, 'the first run was to be killed after its first page, not to finish').toBeLessThan(pageFiles);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const again = spawnSync(process.execPath, [...args, '--json'], { cwd: REPO, encoding: 'utf8', timeout: 200_000 });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('batch 1 resumed; 0 new page(s)');
    const report = JSON.parse(again.stdout);
    expect(report.pages).toMatchObject({ found: pageFiles, read: pageFiles, failed: 0, records: TREE.length });
    expect(report.flags).toEqual([]);

    const db = openRawDatabase(dirname(dbFile), { readonly: true });
    try {
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(n('SELECT count(*) AS n FROM page')).toBe(pageFiles);
      expect(n('SELECT count(*) AS n FROM (SELECT DISTINCT document_id, image_sha256 FROM page)')).toBe(pageFiles);
      expect(n("SELECT count(*) AS n FROM page WHERE state <> 'read'")).toBe(0);
      expect(n('SELECT count(*) AS n FROM dossier')).toBe(TREE.length);
      expect(db.prepare('SELECT document_id AS doc, count(*) AS n FROM record GROUP BY document_id').all()).toEqual(
        (db.prepare('SELECT id AS doc FROM document ORDER BY id').all() as { doc: number }[]).map(({ doc }) => ({ doc, n: 1 })),
      );
      // Each page cleaned once and read once, each document assembled once, nothing failed.
      expect(db.prepare('SELECT kind, state, count(*) AS n FROM job GROUP BY kind, state ORDER BY kind').all()).toEqual([
        { kind: 'document.assemble', state: 'done', n: TREE.length },
        { kind: 'page.clean', state: 'done', n: pageFiles },
        { kind: 'page.read', state: 'done', n: pageFiles },
      ]);
      const blobs = db
        .prepare(
          `SELECT image_sha256 AS sha FROM page UNION SELECT clean_sha256 FROM page UNION SELECT ocr_image_sha256 FROM page
           UNION SELECT text_sha256 FROM page UNION SELECT thumb_sha256 FROM page WHERE thumb_sha256 IS NOT NULL UNION SELECT pdf_sha256 FROM record`,
        )
        .all() as { sha: string | null }[];
      const store = Engine.open({ dataDir });
      try {
        expect(blobs.filter((b) => b.sha === null || !store.store.blobs.has(b.sha))).toEqual([]);
        expect(store.audit.verify().ok).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      db.close();
    }
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';
import { runSohoaHere } from '../support/cli-here';
import { watchedStores } from '../support/watch-database';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages, writeTree, type TreeDossier } from './batch-tree';
import { TEST_AGENCY_ARGS } from '../support/agency';

/** Two dossiers of twenty small generated pages each: many quick pages, so a stop lands with pages left. */
const pageFiles = 40;
const TREE = (pages: string[]): TreeDossier[] => [
  { relPath: 'HS 1', pages: pages.slice(0, pageFiles / 2) },
  { relPath: 'HS 2', pages: pages.slice(pageFiles / 2) },
];

/** One connection per watched store (opening one derives the key: polling must not load the machine). */
const stores = watchedStores();
const query = <T>(dbFile: string, sql: string, fallback: T): T => stores.get(dirname(dbFile), sql, fallback);

/** A running `sohoa batch` and how it ended. */
function start(args: string[]): { child: ChildProcess; ended: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['bin/sohoa.mjs', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return { child, ended: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))) };
}

describe('sohoa batch: pause, cancel and resume', () => {
  const dir = tempDir('sohoa-batch-control-');
  const tree = join(dir.path, 'tree');
  const register = join(dir.path, 'register.csv');
  const dataDir = join(dir.path, 'data');
  const dbFile = join(dataDir, 'sohoa.db');
  const running: ChildProcess[] = [];
  const pagesRead = () => query(dbFile, "SELECT count(*) AS n FROM page WHERE state = 'read'", { n: 0 }).n;
  const status = () => query(dbFile, 'SELECT status FROM batch WHERE id = 1', { status: 'none' }).status;
  const waitFor = async (cond: () => boolean, child: ChildProcess) => {
    while (!cond() && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
  };

  afterAll(() => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    stores.closeAll();
    dir.remove();
  });

  it('pauses a running batch from another process, and on SIGINT, each time stopping with a summary', async () => {
    writeTree(tree, TREE(await writeSmallPages(join(dir.path, 'pages'), pageFiles)));
    writeFileSync(register, `Hồ sơ số,Tiêu đề,Số trang\n1,Một,${pageFiles / 2}\n2,Hai,${pageFiles / 2}\n`);
    const first = start(['batch', ...TEST_AGENCY_ARGS, tree, '--manifest', register, '--data-dir', dataDir, '--workers', '1']);
    running.push(first.child);
    await waitFor(() => pagesRead() >= 1, first.child);
    // The pause is a command of its own, run while the batch process works (in this process: no start-up to wait for).
    const pause = await runSohoaHere(['batch', '--pause', tree, '--data-dir', dataDir]);
    expect(pause.code, pause.stderr).toBe(0);
    expect(pause.stdout).toContain('batch 1 paused');
    const firstEnd = await first.ended;
    expect(firstEnd.code, firstEnd.stderr).toBe(0);
    const paused = /batch 1 paused: run again .*; (\d+) page\(s\) taken in, \d+ processed, (\d+) not processed/.exec(firstEnd.stderr);
    expect(Number(paused?.[1])).toBe(pageFiles);
    expect(Number(paused?.[2])).toBeGreaterThan(0);
    expect(firstEnd.stdout).toContain('Lô / batch 1 (tree): paused');
    expect(status()).toBe('paused');
    const afterPause = pagesRead();
    expect(afterPause).toBeLessThan(pageFiles);

    const second = start(['batch', ...TEST_AGENCY_ARGS, '--resume', '1', '--data-dir', dataDir, '--workers', '1']);
    running.push(second.child);
    await waitFor(() => pagesRead() > afterPause, second.child);
    second.child.kill('SIGINT');
    const secondEnd = await second.ended;
    expect(secondEnd.code, secondEnd.stderr).toBe(0);
    expect(secondEnd.stderr).toContain('batch 1 resumed; 0 new page(s)');
    expect(secondEnd.stderr).toContain('batch 1 paused');
    expect(status()).toBe('paused');
  }, 400_000);

  it('cancels: pages stay, nothing more is processed, a plain run is refused, --resume finishes the batch', async () => {
    const cancel = await runSohoaHere(['batch', '--cancel', '1', '--data-dir', dataDir]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(status()).toBe('cancelled');
    const readBefore = pagesRead();
    const refused = await runSohoaHere(['batch', ...TEST_AGENCY_ARGS, tree, '--manifest', register, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[batch.cancelled]');
    expect(pagesRead()).toBe(readBefore);
    expect(query(dbFile, 'SELECT count(*) AS n FROM page', { n: 0 }).n).toBe(pageFiles);

    const resumed = start(['batch', ...TEST_AGENCY_ARGS, '--resume', tree, '--data-dir', dataDir, '--workers', '1', '--json']);
    running.push(resumed.child);
    const end = await resumed.ended;
    expect(end.code, end.stderr).toBe(0);
    const report = JSON.parse(end.stdout);
    expect(report.batch.status).toBe('done');
    expect(report.pages).toMatchObject({ found: pageFiles, read: pageFiles, failed: 0, records: 2 });
    // Nothing was done twice across the stops: one clean-up and one reading per page, one record per dossier.
    expect(query(dbFile, "SELECT count(*) AS n FROM job WHERE state = 'done' AND kind IN ('page.clean', 'page.read')", { n: 0 }).n).toBe(
      2 * pageFiles,
    );
    expect(query(dbFile, 'SELECT count(*) AS n FROM record', { n: 0 }).n).toBe(2);
  }, 400_000);
});

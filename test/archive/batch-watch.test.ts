import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';
import { watchedStores } from '../support/watch-database';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages } from './batch-tree';
import { TEST_AGENCY_ARGS } from '../support/agency';

/** One connection per watched store (opening one derives the key: polling must not load the machine). */
const stores = watchedStores();
const count = (dbFile: string, sql: string): number => stores.get(dirname(dbFile), sql, { n: 0 }).n;

describe('sohoa batch --watch: a hot folder as the source', () => {
  const dir = tempDir('sohoa-batch-watch-');
  const hot = join(dir.path, 'hot');
  const register = join(dir.path, 'register.csv');
  const dataDir = join(dir.path, 'data');
  const dbFile = join(dataDir, 'sohoa.db');
  const args = [
    'bin/sohoa.mjs',
    'batch',
    ...TEST_AGENCY_ARGS,
    '--watch',
    hot,
    '--manifest',
    register,
    '--separate',
    'count:1',
    '--data-dir',
    dataDir,
    '--workers',
    '1',
    '--json',
  ];
  const children: ChildProcess[] = [];
  const pages = () => count(dbFile, 'SELECT count(*) AS n FROM page');
  /** Small generated pages: what they say does not matter here, and they are read quickly. */
  let scans: string[] = [];

  beforeAll(async () => {
    scans = await writeSmallPages(join(dir.path, 'pages'), 3);
  });

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    stores.closeAll();
    dir.remove();
  });

  /** As a copier does: written under a temporary name, then renamed. */
  const drop = (scan: string, name: string) => {
    copyFileSync(scan, join(hot, `${name}.part`));
    renameSync(join(hot, `${name}.part`), join(hot, name));
  };

  const watch = () => {
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const ended = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, stdout, stderr })),
    );
    return { child, ended, stderr: () => stderr };
  };
  const until = async (cond: () => boolean, child: ChildProcess) => {
    while (!cond() && child.exitCode === null) await new Promise((r) => setTimeout(r, 250));
  };

  it('keeps taking in what is dropped until SIGTERM, then stops cleanly with the summary', async () => {
    mkdirSync(hot, { recursive: true });
    writeFileSync(register, 'Hồ sơ số,Tiêu đề,Số trang\n1,Một,1\n2,Hai,1\n3,Ba,1\n');
    const run = watch();
    await until(() => run.stderr().includes('batch 1 opened'), run.child);
    drop(scans[0]!, 'scan-0001.png');
    await until(() => pages() === 1, run.child);
    drop(scans[1]!, 'scan-0002.png');
    await until(() => pages() === 2, run.child);
    run.child.kill('SIGTERM');
    const end = await run.ended;
    expect(end.code, end.stderr).toBe(0);
    const report = JSON.parse(end.stdout);
    expect(report.batch.status).toBe('paused');
    expect(report.dossiers.map((d: { archiveNumber: string; pages: number }) => [d.archiveNumber, d.pages])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
    expect(readdirSync(join(hot, 'imported')).sort()).toEqual(['scan-0001.png', 'scan-0002.png']);
  }, 300_000);

  it('started again, imports nothing twice and goes on with the next drop', async () => {
    const run = watch();
    await until(() => run.stderr().includes('batch 1 resumed; 0 new page(s)'), run.child);
    drop(scans[2]!, 'scan-0003.png');
    await until(() => pages() === 3, run.child);
    run.child.kill('SIGINT');
    const end = await run.ended;
    expect(end.code, end.stderr).toBe(0);
    expect(end.stderr).toContain('batch 1 resumed; 0 new page(s)');
    const report = JSON.parse(end.stdout);
    expect(report.dossiers.map((d: { archiveNumber: string; pages: number }) => [d.archiveNumber, d.pages])).toEqual([
      ['1', 1],
      ['2', 1],
      ['3', 1],
    ]);
    expect(pages()).toBe(3);
    expect(count(dbFile, 'SELECT count(*) AS n FROM (SELECT DISTINCT image_sha256 FROM page)')).toBe(3);
    expect(count(dbFile, "SELECT count(*) AS n FROM job WHERE kind = 'page.clean'")).toBe(3);
  }, 300_000);
});

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { REPO } from '../support/cli';
import { openRawDatabase } from '../support/data-key';
import { watchedStores } from '../support/watch-database';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages, writeTree, type TreeDossier } from './batch-tree';
import { TEST_AGENCY_ARGS } from '../support/agency';

/** The disk-full test's tree: A4 scans, whose clean-up and records are what fills the disk. */
const TREE: TreeDossier[] = [
  { relPath: 'HS 1', pages: ['viadm-c0af.png', 'viadm-eb2a.png'] },
  { relPath: 'HS 2', pages: ['viadm-18d1.png'] },
];
const REGISTER = 'Hồ sơ số,Tiêu đề,Số trang\n1,Một,2\n2,Hai,1\n';
const pageFiles = TREE.reduce((n, d) => n + d.pages.length, 0);
/** The kill test's tree: small generated pages (what they say does not matter), many jobs to be killed in. */
const SMALL_TREE = (pages: string[]): TreeDossier[] => [
  { relPath: 'HS 1', pages: pages.slice(0, 4) },
  { relPath: 'HS 2', pages: pages.slice(4, 8) },
];
const SMALL_REGISTER = 'Hồ sơ số,Tiêu đề,Số trang\n1,Một,4\n2,Hai,4\n';
const smallPageFiles = 8;
const DOSSIERS = 2;

/** A small seeded generator (mulberry32), so the kill moments are random but the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One connection per watched store (opening one derives the key: polling must not load the machine). */
const stores = watchedStores();
const get = <T>(dbFile: string, sql: string, fallback: T): T => stores.get(dirname(dbFile), sql, fallback);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The end state the issue asks for after any number of crashes: every page processed exactly once,
 * every dossier of the register accounted for, no row or blob twice, no row pointing at a missing file.
 */
async function expectNothingLostNothingTwice(
  dataDir: string,
  pageFiles: number,
  report: { pages: unknown; flags: unknown[]; registered: number; matched: number },
) {
  expect(report.pages).toMatchObject({ found: pageFiles, read: pageFiles, failed: 0, records: DOSSIERS });
  expect(report.registered).toBe(DOSSIERS);
  expect(report.matched).toBe(DOSSIERS);
  expect(report.flags).toEqual([]);
  const db = openRawDatabase(dataDir, { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM page')).toBe(pageFiles);
    expect(n('SELECT count(*) AS n FROM (SELECT DISTINCT document_id, image_sha256 FROM page)')).toBe(pageFiles);
    expect(n("SELECT count(*) AS n FROM page WHERE state <> 'read'")).toBe(0);
    expect(n('SELECT count(*) AS n FROM dossier')).toBe(DOSSIERS);
    expect(n('SELECT count(*) AS n FROM archive_folder')).toBe(DOSSIERS);
    expect(db.prepare('SELECT document_id AS doc, count(*) AS n FROM record GROUP BY document_id').all()).toEqual(
      (db.prepare('SELECT id AS doc FROM document ORDER BY id').all() as { doc: number }[]).map(({ doc }) => ({ doc, n: 1 })),
    );
    // Each page cleaned once and read once, each document assembled once, nothing failed.
    expect(db.prepare('SELECT kind, state, count(*) AS n FROM job GROUP BY kind, state ORDER BY kind').all()).toEqual([
      { kind: 'document.assemble', state: 'done', n: DOSSIERS },
      { kind: 'page.clean', state: 'done', n: pageFiles },
      { kind: 'page.read', state: 'done', n: pageFiles },
    ]);
    const blobs = db
      .prepare(
        `SELECT image_sha256 AS sha FROM page UNION SELECT clean_sha256 FROM page UNION SELECT ocr_image_sha256 FROM page
         UNION SELECT text_sha256 FROM page UNION SELECT thumb_sha256 FROM page WHERE thumb_sha256 IS NOT NULL UNION SELECT pdf_sha256 FROM record`,
      )
      .all() as { sha: string | null }[];
    const engine = Engine.open({ dataDir });
    try {
      expect(blobs.filter((b) => b.sha === null || !engine.store.blobs.has(b.sha))).toEqual([]);
      expect(engine.verifyAudit().ok).toBe(true);
    } finally {
      await engine.close();
    }
  } finally {
    db.close();
  }
}

describe('sohoa batch: nothing lost, nothing twice', () => {
  const dir = tempDir('sohoa-batch-kill-');
  const tree = join(dir.path, 'tree');
  const register = join(dir.path, 'register.csv');
  const smallTree = join(dir.path, 'small-tree');
  const smallRegister = join(dir.path, 'small-register.csv');
  let child: ChildProcess | undefined;
  let mounted: string | undefined;

  beforeAll(async () => {
    writeTree(tree, TREE);
    writeFileSync(register, REGISTER);
    writeTree(smallTree, SMALL_TREE(await writeSmallPages(join(dir.path, 'pages'), smallPageFiles)));
    writeFileSync(smallRegister, SMALL_REGISTER);
  });

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    stores.closeAll();
    if (mounted) spawnSync('umount', [mounted]);
    dir.remove();
  });

  it('survives repeated SIGKILLs at random moments, one of them while a record is being assembled', async () => {
    const dataDir = join(dir.path, 'data');
    const dbFile = join(dataDir, 'sohoa.db');
    const args = [
      'bin/sohoa.mjs',
      'batch',
      ...TEST_AGENCY_ARGS,
      smallTree,
      '--manifest',
      smallRegister,
      '--data-dir',
      dataDir,
      '--workers',
      '1',
      '--json',
    ];
    const random = seeded(20261123);
    const jobsDone = () => get(dbFile, "SELECT count(*) AS n FROM job WHERE state = 'done'", { n: 0 }).n;
    // Five kills at random points of the work (measured in work, not in time, so each lands in it however loaded
    // the machine is: once one or two more jobs are done, a random 0–0.3 s into the next), then one the moment an
    // assemble job is leased ("power loss" while the record's PDF is being written), then a run left to finish.
    const kills: ('random' | 'assembling')[] = ['random', 'random', 'random', 'random', 'random', 'assembling'];
    let killed = 0;
    let finished: { code: number | null; stdout: string } | undefined;
    for (const kind of kills) {
      child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child!.on('exit', (code, signal) => resolve({ code, signal })),
      );
      if (kind === 'random') {
        const target = jobsDone() + 1 + Math.floor(random() * 2);
        while (child.exitCode === null && jobsDone() < target) await sleep(50);
        await Promise.race([sleep(random() * 300), exited]);
      } else {
        while (
          child.exitCode === null &&
          get(dbFile, "SELECT count(*) AS n FROM job WHERE kind = 'document.assemble' AND state = 'leased'", { n: 0 }).n === 0
        )
          await sleep(50);
      }
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        const { signal } = await exited;
        if (signal === 'SIGKILL') killed++;
      }
      const end = await exited;
      if (end.code === 0) {
        finished = { code: end.code, stdout };
        break;
      }
      // A run that ended by itself with an error is a failure of the resume, not a kill: say why.
      expect(end.signal, `run ${killed + 1} ended by itself (code ${end.code}) after ${killed} kill(s): ${stderr}`).toBe('SIGKILL');
    }
    expect(killed, 'at least some runs were killed before they finished').toBeGreaterThanOrEqual(3);
    if (!finished) {
      const last = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
      expect(last.status, last.stderr).toBe(0);
      finished = { code: last.status, stdout: last.stdout };
    }
    await expectNothingLostNothingTwice(dataDir, smallPageFiles, JSON.parse(finished.stdout));
  }, 600_000);

  it('stops cleanly with a coded message when the disk fills, and resumes to the end once space is back', async () => {
    const dataDir = join(dir.path, 'small-disk');
    mkdirSync(dataDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', dataDir]);
    mounted = dataDir;
    const run = (folder: string) =>
      spawnSync(
        process.execPath,
        ['bin/sohoa.mjs', 'batch', ...TEST_AGENCY_ARGS, folder, '--manifest', register, '--data-dir', dataDir, '--workers', '1', '--json'],
        { cwd: REPO, encoding: 'utf8', timeout: 300_000 },
      );
    // A first run on an empty folder lays down the store and the OCR language data.
    const empty = join(dir.path, 'empty');
    mkdirSync(empty);
    const first = run(empty);
    expect(first.status, first.stderr).toBe(0);
    // Then a filler leaves about 1.5 MB: enough to start, not enough for the pages' clean-up and records.
    const free = () => {
      const s = statfsSync(dataDir);
      return s.bavail * s.bsize;
    };
    const filler = join(dataDir, 'filler.bin');
    writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 1_500_000)));
    const full = run(tree);
    expect(full.status, full.stderr).toBe(1);
    expect(full.stderr).toMatch(/^sohoa batch: The disk holding .* is full .*the batch stopped cleanly.*\[batch\.disk-full\]$/m);
    expect(full.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // Nothing failed for good because of the disk: jobs went back to the queue.
    expect(get(join(dataDir, 'sohoa.db'), "SELECT count(*) AS n FROM job WHERE state = 'failed'", { n: -1 }).n).toBe(0);

    rmSync(filler);
    const resumed = run(tree);
    expect(resumed.status, resumed.stderr).toBe(0);
    const blobsDir = join(dataDir, 'blobs');
    const temps = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? temps(join(d, e.name)) : e.name.endsWith('.tmp') ? [e.name] : [],
      );
    expect(temps(blobsDir)).toEqual([]);
    const report = JSON.parse(resumed.stdout);
    expect(report.pages).toMatchObject({ found: pageFiles, read: pageFiles, failed: 0, records: DOSSIERS });
  }, 600_000);
});

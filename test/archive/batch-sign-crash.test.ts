import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runSohoa } from '../support/cli';
import { openRawDatabase, peekDatabase, readStoredBlob } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { createApprovedBatch } from './approved-batch';

/** Enough approved dossiers that signing them all takes a while: the kill lands in the middle of the run. */
const DOSSIERS = 24;

function signedRecords(dataDir: string): number {
  const db = peekDatabase(dataDir);
  if (!db) return 0;
  try {
    return (db.prepare('SELECT count(*) AS n FROM record WHERE signed = 1').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('sohoa batch --sign killed mid-run', () => {
  const dir = tempDir('sohoa-sign-crash-');
  const dataDir = join(dir.path, 'data');
  let pki: TestPki;
  let batchId = 0;
  const env = () => ({ SIGN_PASS: pki.password });
  const signArgs = () => [
    'batch',
    '--sign',
    String(batchId),
    '--p12',
    pki.signerP12,
    '--pass-env',
    'SIGN_PASS',
    '--data-dir',
    dataDir,
    '--json',
  ];

  beforeAll(async () => {
    pki = createTestPki();
    batchId = await createApprovedBatch(dataDir, dir.path, DOSSIERS);
  }, 60_000);

  afterAll(() => {
    pki?.cleanup();
    dir.remove();
  });

  it('keeps what was signed, and the next run signs only the rest: every record signed exactly once', async () => {
    const child = spawn(process.execPath, ['bin/sohoa.mjs', ...signArgs()], {
      cwd: REPO,
      env: { ...process.env, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (signedRecords(dataDir) < 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(child.exitCode, `the run ended before it could be killed: ${stderr}`).toBeNull();
    child.kill('SIGKILL');
    await exited;
    const before = signedRecords(dataDir);
    expect(before).toBeGreaterThanOrEqual(2);
    expect(before).toBeLessThan(DOSSIERS);

    const resumed = runSohoa(signArgs(), env());
    expect(resumed.code, resumed.stderr).toBe(0);
    const result = JSON.parse(resumed.stdout) as { total: number; signed: number[]; documentsSigned: number; skipped: unknown[] };
    expect(result.skipped).toEqual([]);
    expect(result.documentsSigned).toBe(DOSSIERS - before);
    expect(result.signed).toHaveLength(result.total);

    const again = runSohoa(signArgs(), env());
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 0, signed: [], documentsSigned: 0 });

    const db = openRawDatabase(dataDir, { readonly: true });
    try {
      const perDocument = db
        .prepare('SELECT document_id AS doc, sum(signed) AS signed, count(*) AS versions FROM record GROUP BY document_id')
        .all() as { doc: number; signed: number; versions: number }[];
      expect(perDocument).toHaveLength(DOSSIERS);
      expect(perDocument.every((r) => r.signed === 1 && r.versions === 2)).toBe(true);
      expect(db.prepare(`SELECT count(*) AS n FROM dossier WHERE status = 'finalized'`).get()).toEqual({ n: DOSSIERS });
      expect(db.prepare(`SELECT count(*) AS n FROM outbox_item`).get()).toEqual({ n: DOSSIERS });
      const last = db.prepare('SELECT pdf_sha256 AS sha FROM record WHERE signed = 1 ORDER BY id DESC LIMIT 1').get() as { sha: string };
      expect(pdfsig(readStoredBlob(dataDir, last.sha), pki.caCert).validity).toEqual(['Signature is Valid.']);
    } finally {
      db.close();
    }
  }, 240_000);
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';
import { Engine } from '../../src/core/engine';
import { validateBag } from '../../src/core/sync/bag-validator';
import { DEFAULT_ZIP_LIMITS, unzipBag, withUnzippedBag, type ZipLimits } from '../../src/core/sync/bag-zip';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import type { Receipt } from '../../src/shared/sync-protocol';
import { tempDir } from '../support/temp-dir';
import { runSohoa } from '../support/cli';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { recordFactory, type RecordFactory } from './support/signed-records';
import { seedRecords, type SeededRecord } from './support/workstation';

let postgres: TestPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
let engine: Engine;
let sync: WorkstationSync;
let seeded: SeededRecord[];
const work = tempDir('sohoa-bagzip-');
const hubBlobs = tempDir('sohoa-hub-blobs-');
const ws = tempDir('sohoa-ws-');
let zipPath: string;
const scratch: { remove(): void }[] = [];
const scratchDir = (prefix: string) => {
  const d = tempDir(prefix);
  scratch.push(d);
  return d.path;
};

const hubCount = async () => Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string; message: string }) => e.code ?? e.message,
  );

/** A zip made entry by entry, for the archives a well-behaved exporter never writes. */
async function craftZip(name: string, entries: { path: string; bytes: Buffer; mode?: number; compress?: boolean }[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.path, { mode: e.mode, compress: e.compress ?? true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  const path = join(work.path, name);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

/** Renames an entry in place (local header and central directory), e.g. into a path yazl refuses to write. */
function renameEntry(path: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const bytes = readFileSync(path);
  let at = bytes.indexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  while (at >= 0) {
    bytes.write(to, at, 'latin1');
    at = bytes.indexOf(from, at + 1);
  }
  writeFileSync(path, bytes);
}

async function postBag(
  path: string,
  token?: string,
): Promise<{ status: number; body: { code?: string; accepted?: Receipt[]; rejected?: unknown[] } }> {
  const response = await fetch(`${hub.url}/bags`, {
    method: 'POST',
    headers: { 'content-type': 'application/zip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: readFileSync(path),
  });
  return { status: response.status, body: (await response.json()) as { code?: string } };
}

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('hub_bag_zip');
  pool = new pg.Pool({ connectionString: url });
  hub = await startTestHub(url, hubBlobs.path);
  factory = await recordFactory();
  engine = Engine.open({ dataDir: ws.path });
  sync = new WorkstationSync(engine);
  await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'offline desk');
  seeded = await seedRecords(engine, factory, 3);
  zipPath = join(work.path, 'transfer.zip');
  await sync.exportBag(zipPath);
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await hub?.close();
  await pool?.end();
  postgres?.stop();
  factory?.cleanup();
  for (const d of [work, hubBlobs, ws, ...scratch]) d.remove();
});

describe('zipped bags', () => {
  it('exports a zip holding one bag folder that validates complete and fixed', async () => {
    const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
    const names: string[] = [];
    await new Promise<void>((resolve) => {
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.readEntry();
    });
    zip.close();
    expect(new Set(names.map((n) => n.split('/')[0]))).toEqual(new Set(['transfer']));
    expect(names.filter((n) => n.startsWith('transfer/data/')).length).toBe(3);
    const report = await withUnzippedBag(zipPath, validateBag);
    expect(report).toMatchObject({ complete: true, valid: true, problems: [] });
    expect(report.payload.map((p) => p.sha256).sort()).toEqual(seeded.map((s) => s.sha256).sort());
    expect(await codeOf(sync.exportBag(zipPath))).toBe('bag.target-exists');
    const cli = runSohoa(['sync', '--validate-bag', zipPath, '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ valid: true, files: 3 });
  });

  it('the hub takes a zipped bag over its API once, from the workstation it names only', async () => {
    const token = sync.credentials()!.token;
    expect((await postBag(zipPath)).status).toBe(401);
    const otherEngine = Engine.open({ dataDir: scratchDir('sohoa-ws-other-') });
    const other = await new WorkstationSync(otherEngine).enroll(hub.url, await hub.hub.credentials.issueCode(), 'other desk');
    await otherEngine.close();
    const foreign = await postBag(zipPath, other.token);
    expect(foreign).toMatchObject({ status: 403, body: { code: 'sync.forbidden' } });
    expect(await hubCount()).toBe(0);

    const first = await postBag(zipPath, token);
    expect(first.status).toBe(200);
    expect(first.body.rejected).toEqual([]);
    expect(first.body.accepted!.map((r) => r.duplicate)).toEqual([false, false, false]);
    const second = await postBag(zipPath, token);
    expect(second.body.accepted!.map((r) => r.receiptId)).toEqual(first.body.accepted!.map((r) => r.receiptId));
    expect(second.body.accepted!.every((r) => r.duplicate)).toBe(true);
    expect(await hubCount()).toBe(3);
  });

  it('refuses archives past the limits or with unsafe entries, with a code, writing nothing outside', async () => {
    const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntries: 4, maxTotalBytes: 100_000 };
    const unpack = (path: string, l = limits) => codeOf(unzipBag(path, scratchDir('sohoa-unzip-'), l));
    const small = (path: string) => ({ path, bytes: Buffer.from(`file ${path}`) });

    expect(
      await unpack(
        await craftZip(
          'many.zip',
          ['a', 'b', 'c', 'd', 'e'].map((n) => small(`bag/data/${n}.pdf`)),
        ),
      ),
    ).toBe('bag.zip-too-many-entries');
    expect(await unpack(await craftZip('big.zip', [{ path: 'bag/data/a.pdf', bytes: Buffer.alloc(150_000, 7), compress: false }]))).toBe(
      'bag.zip-too-large',
    );
    const bomb = await craftZip('bomb.zip', [{ path: 'bag/data/zeros.pdf', bytes: Buffer.alloc(8 * 1024 * 1024) }]);
    expect(await unpack(bomb, DEFAULT_ZIP_LIMITS)).toBe('bag.zip-bomb');
    expect(
      await unpack(await craftZip('link.zip', [{ path: 'bag/data/link.pdf', bytes: Buffer.from('/etc/passwd'), mode: 0o120777 }])),
    ).toBe('bag.zip-unsafe-entry');

    const escape = await craftZip('escape.zip', [small('bag/data/zz/evil.pdf')]);
    renameEntry(escape, 'bag/data/zz/evil.pdf', 'bag/../../../evi.pdf');
    const into = scratchDir('sohoa-unzip-');
    expect(await codeOf(unzipBag(escape, into, limits))).toBe('bag.zip-unsafe-entry');
    expect(existsSync(join(into, '..', '..', 'evi.pdf'))).toBe(false);
    const absolute = await craftZip('absolute.zip', [small('tmp/sohoa-evil.pdf')]);
    renameEntry(absolute, 'tmp/sohoa-evil.pdf', '/tmp/sohoa-evi.pdf');
    expect(await unpack(absolute)).toBe('bag.zip-unsafe-entry');

    const truncated = join(work.path, 'truncated.zip');
    writeFileSync(truncated, readFileSync(zipPath).subarray(0, 2000));
    expect(await unpack(truncated)).toBe('bag.zip-corrupt');
  });

  it('the hub answers a bad zipped bag with a coded 422 and stores nothing from it', async () => {
    const token = sync.credentials()!.token;
    const before = await hubCount();
    const bomb = await postBag(join(work.path, 'bomb.zip'), token);
    expect(bomb).toMatchObject({ status: 422, body: { code: 'bag.zip-bomb' } });

    // The good bag with one payload file left out: incomplete.
    const folder = await withUnzippedBag(zipPath, async (dir) => {
      const manifest = readFileSync(join(dir, 'manifest-sha256.txt'), 'utf8');
      const files = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'sohoa-records.json'].map((n) => ({
        path: `partial/${n}`,
        bytes: readFileSync(join(dir, n)),
      }));
      const kept = manifest
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split('  ')[1]!);
      return [...files, ...kept.map((p) => ({ path: `partial/${p}`, bytes: readFileSync(join(dir, p)) }))];
    });
    const partial = await postBag(await craftZip('partial.zip', folder), token);
    expect(partial).toMatchObject({ status: 422, body: { code: 'bag.invalid' } });
    expect(await hubCount()).toBe(before);
    expect(
      existsSync(join(hubBlobs.path, 'bag-uploads')) && (await import('node:fs')).readdirSync(join(hubBlobs.path, 'bag-uploads')),
    ).toEqual([]);
  });
});

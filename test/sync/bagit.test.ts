import { appendFileSync, readFileSync, rmSync, unlinkSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Engine } from '../../src/core/engine';
import { BagInvalidError } from '../../src/core/sync/bag-errors';
import { isSafeBagPath, validateBag } from '../../src/core/sync/bag-validator';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { ingestBagIntoHub } from '../../src/hub/bag-ingest';
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
const work = tempDir('sohoa-bag-');
const hubBlobs = tempDir('sohoa-hub-blobs-');
const ws = tempDir('sohoa-ws-');
let bag: string;

const hubCount = async () => Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
const ingest = (dir: string) => ingestBagIntoHub(dir, { intake: hub.hub.intake, credentials: hub.hub.credentials });

/** A copy of the good bag to damage in one test. */
function copyOfBag(name: string): string {
  const dir = join(work.path, name);
  cpSync(bag, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('hub_bags');
  pool = new pg.Pool({ connectionString: url });
  hub = await startTestHub(url, hubBlobs.path);
  factory = await recordFactory();
  engine = Engine.open({ dataDir: ws.path });
  sync = new WorkstationSync(engine);
  await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'offline desk');
  seeded = await seedRecords(engine, factory, 3);
  bag = join(work.path, 'bag');
  await sync.exportBag(bag);
}, 60_000);

afterAll(async () => {
  engine?.close();
  await hub?.close();
  await pool?.end();
  postgres?.stop();
  factory?.cleanup();
  for (const d of [work, hubBlobs, ws]) d.remove();
});

describe('BagIt transfer', () => {
  it('writes an RFC 8493 bag: declaration, info with the dossier codes, SHA-256 manifests, payload', async () => {
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
    for (const s of seeded) expect(info).toContain(`External-Identifier: ${s.dossierCode}\n`);
    expect(info).toContain(`Payload-Oxum: ${seeded.reduce((n, s) => n + s.bytes.length, 0)}.${seeded.length}\n`);
    const manifest = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8').trim().split('\n');
    expect(manifest.map((l) => l.split('  ')[0]).sort()).toEqual(seeded.map((s) => s.sha256).sort());
    const tags = readFileSync(join(bag, 'tagmanifest-sha256.txt'), 'utf8');
    for (const name of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'sohoa-records.json']) expect(tags).toContain(`  ${name}\n`);
    const report = await validateBag(bag);
    expect(report).toMatchObject({ complete: true, valid: true, problems: [] });
    expect(report.payload.length).toBe(3);
  });

  it('the hub ingests a bag once: a second ingest acknowledges the same receipts', async () => {
    const first = await ingest(bag);
    expect(first.rejected).toEqual([]);
    expect(first.accepted.map((r) => r.duplicate)).toEqual([false, false, false]);
    expect(await hubCount()).toBe(3);
    const second = await ingest(bag);
    expect(second.accepted.map((r) => r.receiptId)).toEqual(first.accepted.map((r) => r.receiptId));
    expect(second.accepted.every((r) => r.duplicate)).toBe(true);
    expect(await hubCount()).toBe(3);
    const synced = await sync.send({ backoff: { baseMs: 50, maxMs: 100 }, maxWaitMs: 5_000 });
    expect(synced).toMatchObject({ acknowledged: 3, duplicates: 3 });
    expect(await hubCount()).toBe(3);
  });

  it('reports a missing file, an extra file and a changed file, and the hub stores nothing from such a bag', async () => {
    const before = await hubCount();
    const missing = copyOfBag('missing');
    const payloadName = readFileSync(join(missing, 'manifest-sha256.txt'), 'utf8').split('\n')[0]!.split('  ')[1]!;
    unlinkSync(join(missing, payloadName));
    const extra = copyOfBag('extra');
    writeFileSync(join(extra, 'data', 'stowaway.pdf'), 'x');
    const changed = copyOfBag('changed');
    appendFileSync(join(changed, payloadName), ' ');
    expect((await validateBag(missing)).problems).toEqual([{ code: 'bag.missing-file', path: payloadName }]);
    expect((await validateBag(extra)).problems).toEqual([{ code: 'bag.extra-file', path: 'data/stowaway.pdf' }]);
    const changedReport = await validateBag(changed);
    expect(changedReport).toMatchObject({ complete: true, valid: false });
    expect(changedReport.problems.map((p) => p.code)).toEqual(['bag.hash-mismatch']);
    for (const dir of [missing, extra, changed]) await expect(ingest(dir)).rejects.toBeInstanceOf(BagInvalidError);
    expect(await hubCount()).toBe(before);
  });

  it('refuses path tricks in manifest names', async () => {
    expect(['data/a.pdf', 'data/x/y.pdf'].map(isSafeBagPath)).toEqual([true, true]);
    expect(['../etc/passwd', 'data/../../x', '/etc/passwd', 'C:/x', 'data\\..\\x', './data/a', 'data//a'].map(isSafeBagPath)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    const tricked = copyOfBag('tricked');
    const victim = join(work.path, 'outside.pdf');
    writeFileSync(victim, 'outside the bag');
    const sha = (await import('node:crypto')).createHash('sha256').update('outside the bag').digest('hex');
    appendFileSync(join(tricked, 'manifest-sha256.txt'), `${sha}  data/../../outside.pdf\n${sha}  /etc/hostname\n`);
    const report = await validateBag(tricked);
    expect(report.valid).toBe(false);
    expect(report.problems.filter((p) => p.code === 'bag.unsafe-path').map((p) => p.path)).toEqual([
      'data/../../outside.pdf',
      '/etc/hostname',
    ]);
    await expect(ingest(tricked)).rejects.toMatchObject({ code: 'bag.invalid' });
  });

  it('refuses a bag from a workstation the hub does not know', async () => {
    const before = await hubCount();
    const stranger = copyOfBag('stranger');
    const listing = JSON.parse(readFileSync(join(stranger, 'sohoa-records.json'), 'utf8')) as { workstationId: string };
    listing.workstationId = '00000000-0000-4000-8000-000000000000';
    const text = `${JSON.stringify(listing, null, 2)}\n`;
    writeFileSync(join(stranger, 'sohoa-records.json'), text);
    const sha = (await import('node:crypto')).createHash('sha256').update(text).digest('hex');
    const tags = readFileSync(join(stranger, 'tagmanifest-sha256.txt'), 'utf8').replace(/^[0-9a-f]{64}(?= {2}sohoa-records\.json$)/m, sha);
    writeFileSync(join(stranger, 'tagmanifest-sha256.txt'), tags);
    expect((await validateBag(stranger)).valid).toBe(true);
    await expect(ingest(stranger)).rejects.toMatchObject({ code: 'sync.unknown-workstation' });
    expect(await hubCount()).toBe(before);
  });

  it('`sohoa sync --validate-bag` reports fixity with an exit code', () => {
    const good = runSohoa(['sync', '--validate-bag', bag, '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ valid: true, complete: true, files: 3 });
    const damaged = copyOfBag('damaged-cli');
    rmSync(join(damaged, 'bagit.txt'));
    const bad = runSohoa(['sync', '--validate-bag', damaged]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('[bag.no-declaration]');
  });
});

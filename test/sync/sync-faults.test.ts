import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Engine } from '../../src/core/engine';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import type { SyncEvent } from '../../src/core/sync/sync-runner';
import type { Receipt } from '../../src/shared/sync-protocol';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { freePort, startPostgres, type TestPostgres } from '../hub/support/postgres';
import { REPO, spawnHub, type HubProcess } from '../hub/support/hub-harness';
import { CredentialRepository } from '../../src/hub/credential-repository';
import { recordFactory, type RecordFactory } from './support/signed-records';
import { seedRecords, type SeededRecord } from './support/workstation';
import { startFlippingProxy } from './support/tcp-proxy';

let postgres: TestPostgres;
let factory: RecordFactory;
let pool: pg.Pool;
let dbUrl: string;
const hubBlobs = tempDir('sohoa-hub-blobs-');
const dirs: { remove(): void }[] = [hubBlobs];
const hubs: HubProcess[] = [];
const fast = { backoff: { baseMs: 50, maxMs: 400 }, maxWaitMs: 20_000 };

async function hubOn(port: number): Promise<HubProcess> {
  const h = await spawnHub(dbUrl, hubBlobs.path, port, ['--verifier', 'pades']);
  hubs.push(h);
  return h;
}

async function workstationDir(hubUrl: string): Promise<{ path: string; engine: Engine; sync: WorkstationSync }> {
  const dir = tempDir('sohoa-ws-');
  dirs.push(dir);
  const engine = Engine.open({ dataDir: dir.path });
  const sync = new WorkstationSync(engine);
  await sync.enroll(hubUrl, await new CredentialRepository(pool).issueCode(), 'desk');
  return { path: dir.path, engine, sync };
}

async function expectExactlySynced(sync: WorkstationSync, seeded: SeededRecord[]) {
  const { rows } = await pool.query<{ sha256: string; receipt_id: string }>(
    'SELECT sha256, receipt_id FROM record WHERE workstation_id = $1',
    [sync.credentials()!.workstationId],
  );
  expect(rows.length).toBe(seeded.length);
  for (const s of seeded) {
    const entry = sync.outbox.byRecord(s.recordId)!;
    expect(entry.state).toBe('acknowledged');
    expect(rows.filter((r) => r.sha256 === s.sha256).map((r) => r.receipt_id)).toEqual([(JSON.parse(entry.receipt!) as Receipt).receiptId]);
  }
}

const tusOffset = async (url: string, token: string) => {
  const r = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
  return { status: r.status, offset: Number(r.headers.get('upload-offset')), length: Number(r.headers.get('upload-length')) };
};

beforeAll(async () => {
  postgres = await startPostgres();
  dbUrl = await postgres.createDatabase('hub_faults');
  pool = new pg.Pool({ connectionString: dbUrl });
  factory = await recordFactory();
}, 60_000);

afterAll(async () => {
  for (const h of hubs) await h.kill('SIGKILL');
  await pool?.end();
  postgres?.stop();
  factory?.cleanup();
  for (const d of dirs) d.remove();
});

describe('sync faults', () => {
  it('resumes an upload after the hub is killed mid-upload and restarted', async () => {
    const port = await freePort();
    const first = await hubOn(port);
    const ws = await workstationDir(first.url);
    try {
      const seeded = await seedRecords(ws.engine, factory, 1, { padding: 400_000 });
      const total = seeded[0]!.bytes.length;
      let killed: Promise<void> | undefined;
      const events: SyncEvent[] = [];
      const cut = await ws.sync.send({
        ...fast,
        maxAttempts: 1,
        bandwidthBytesPerSecond: 400_000,
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'progress' && e.bytesSent > total / 4 && !killed) killed = first.kill('SIGKILL');
        },
      });
      await killed;
      expect(cut).toMatchObject({ acknowledged: 0, waiting: 1 });
      const entry = ws.sync.outbox.byRecord(seeded[0]!.recordId)!;
      expect(entry.uploadUrl).toMatch(/\/files\/[\w-]+$/);

      const second = await hubOn(port);
      const head = await tusOffset(entry.uploadUrl!, ws.sync.credentials()!.token);
      expect(head.status).toBe(200);
      expect(head.length).toBe(total);
      expect(head.offset).toBeGreaterThan(0);
      expect(head.offset).toBeLessThan(total);

      const summary = await ws.sync.send(fast);
      expect(summary).toMatchObject({ acknowledged: 1, waiting: 0, rejected: [] });
      expect(summary.bytes).toBe(total);
      await expectExactlySynced(ws.sync, seeded);
      await second.kill();
    } finally {
      ws.engine.close();
    }
  });

  it('two hub instances over one database: an upload begun on one is finished on the other', async () => {
    const a = await hubOn(0);
    const b = await hubOn(0);
    const ws = await workstationDir(a.url);
    const proxy = await startFlippingProxy(Number(new URL(a.url).port), 0);
    try {
      const seeded = await seedRecords(ws.engine, factory, 1, { padding: 400_000 });
      const total = seeded[0]!.bytes.length;
      let cut: Promise<void> | undefined;
      await ws.sync.send({
        ...fast,
        hubUrl: proxy.url,
        maxAttempts: 1,
        bandwidthBytesPerSecond: 400_000,
        onEvent: (e) => {
          if (e.type === 'progress' && e.bytesSent > total / 4 && !cut) cut = proxy.close();
        },
      });
      await cut;
      const entry = ws.sync.outbox.byRecord(seeded[0]!.recordId)!;
      const onB = new URL(new URL(entry.uploadUrl!).pathname, b.url).toString();
      const head = await tusOffset(onB, ws.sync.credentials()!.token);
      expect(head.status).toBe(200);
      expect(head.offset).toBeGreaterThan(0);
      expect(head.offset).toBeLessThan(total);
      const summary = await ws.sync.send({ ...fast, hubUrl: b.url });
      expect(summary).toMatchObject({ acknowledged: 1, waiting: 0 });
      await expectExactlySynced(ws.sync, seeded);
      const health = await Promise.all([a.url, b.url].map(async (u) => (await fetch(`${u}/healthz`)).status));
      expect(health).toEqual([200, 200]);
    } finally {
      ws.engine.close();
      await a.kill();
      await b.kill();
    }
  });

  it('the `sohoa sync` command enrolls, is killed mid-batch, and a restart finishes with exact counts', async () => {
    const hub = await hubOn(0);
    const dir = tempDir('sohoa-ws-cli-');
    dirs.push(dir);
    const engine = Engine.open({ dataDir: dir.path });
    const seeded = await seedRecords(engine, factory, 6, { padding: 60_000 });
    engine.close();
    const code = await new CredentialRepository(pool).issueCode();
    const run = (args: string[]) =>
      spawn(process.execPath, [`${REPO}/bin/sohoa.mjs`, 'sync', '--data-dir', dir.path, '--concurrency', '1', '--batch', '2', ...args], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const exit = (child: ReturnType<typeof run>) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        let out = '';
        let err = '';
        child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
        child.once('exit', (code) => resolve({ code, out, err }));
      });
    const first = run(['--hub', hub.url, '--enroll', code, '--limit-kbps', '150']);
    const firstExit = exit(first);
    const db = openRawDatabase(dir.path, { readonly: true });
    try {
      const acknowledged = () =>
        (db.prepare("SELECT count(*) AS n FROM outbox_item WHERE state = 'acknowledged'").get() as { n: number }).n;
      while (acknowledged() < 2 && first.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      first.kill('SIGKILL');
      await firstExit;
      const before = acknowledged();
      expect(before).toBeGreaterThanOrEqual(2);
      expect(before).toBeLessThan(seeded.length);
    } finally {
      db.close();
    }
    const second = await exit(run(['--json']));
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.out) as { acknowledged: number; waiting: number; rejected: unknown[] };
    expect(summary.waiting).toBe(0);
    expect(summary.rejected).toEqual([]);
    const reopened = Engine.open({ dataDir: dir.path });
    try {
      await expectExactlySynced(new WorkstationSync(reopened), seeded);
    } finally {
      reopened.close();
      await hub.kill();
    }
  });
});

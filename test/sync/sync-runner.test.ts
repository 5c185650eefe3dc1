import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Engine } from '../../src/core/engine';
import { HubClient } from '../../src/core/sync/hub-client';
import { SyncRunner, type SyncEvent } from '../../src/core/sync/sync-runner';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { BATCH_UPLOAD, type Receipt } from '../../src/shared/sync-protocol';
import { tempDir } from '../support/temp-dir';
import { freePort, startPostgres, type TestPostgres } from '../hub/support/postgres';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { recordFactory, type RecordFactory } from './support/signed-records';
import { seedRecords } from './support/workstation';
import { startFlippingProxy } from './support/tcp-proxy';
import { startRecordingProxy } from './support/http-proxy';

let postgres: TestPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
let hubDbUrl: string;
let hubBlobs: string;
const dirs: { remove(): void }[] = [];
const engines: Engine[] = [];
const fast = { backoff: { baseMs: 50, maxMs: 400 }, maxWaitMs: 20_000 };

async function workstation(): Promise<{ engine: Engine; sync: WorkstationSync }> {
  const dir = tempDir('sohoa-ws-');
  dirs.push(dir);
  const engine = Engine.open({ dataDir: dir.path });
  engines.push(engine);
  const sync = new WorkstationSync(engine);
  await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'desk');
  return { engine, sync };
}

const hubRows = async (workstationId: string) =>
  (
    await pool.query<{ document_key: string; version: number; sha256: string; receipt_id: string }>(
      'SELECT document_key, version, sha256, receipt_id FROM record WHERE workstation_id = $1',
      [workstationId],
    )
  ).rows;

/** Every seeded record on the hub exactly once, and the workstation's receipts naming those rows. */
async function expectExactlySynced(sync: WorkstationSync, seeded: { recordId: number; sha256: string }[]) {
  const rows = await hubRows(sync.credentials()!.workstationId);
  expect(rows.length).toBe(seeded.length);
  expect(new Set(rows.map((r) => r.sha256))).toEqual(new Set(seeded.map((s) => s.sha256)));
  for (const s of seeded) {
    const entry = sync.outbox.byRecord(s.recordId)!;
    expect(entry.state).toBe('acknowledged');
    const receipt = JSON.parse(entry.receipt!) as Receipt;
    expect(rows.find((r) => r.sha256 === s.sha256)?.receipt_id).toBe(receipt.receiptId);
    expect(entry.uploadUrl).toBeNull();
  }
}

beforeAll(async () => {
  postgres = await startPostgres();
  hubDbUrl = await postgres.createDatabase('hub_sync');
  pool = new pg.Pool({ connectionString: hubDbUrl });
  const blobs = tempDir('sohoa-hub-blobs-');
  dirs.push(blobs);
  hubBlobs = blobs.path;
  hub = await startTestHub(hubDbUrl, hubBlobs);
  factory = await recordFactory();
}, 60_000);

afterAll(async () => {
  for (const e of engines) e.close();
  await hub?.close();
  await pool?.end();
  postgres?.stop();
  factory?.cleanup();
  for (const d of dirs) d.remove();
});

describe('workstation sync', () => {
  it('sends every waiting record once, with progress, and a second run sends nothing', async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, 6);
    const events: SyncEvent[] = [];
    const summary = await sync.send({ ...fast, batchSize: 4, concurrency: 2, onEvent: (e) => events.push(e) });
    expect(summary).toMatchObject({ acknowledged: 6, duplicates: 0, rejected: [], waiting: 0 });
    expect(summary.bytes).toBe(seeded.reduce((s, r) => s + r.bytes.length, 0));
    expect(events.filter((e) => e.type === 'acknowledged').length).toBe(6);
    await expectExactlySynced(sync, seeded);
    expect(readdirSync(join(hubBlobs, 'tus'))).toEqual([]);
    const again = await sync.send(fast);
    expect(again).toMatchObject({ acknowledged: 0, waiting: 0 });
    expect((await hubRows(sync.credentials()!.workstationId)).length).toBe(6);
    const audit = engine.store.db.prepare("SELECT details FROM audit_event WHERE action = 'sync.run' ORDER BY seq").all() as {
      details: string;
    }[];
    expect(audit.map((a) => JSON.parse(a.details).acknowledged)).toEqual([6, 0]);
  });

  it('acknowledges the same batch sent twice without storing it twice', async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, 3);
    await sync.send(fast);
    const firstReceipts = seeded.map((s) => JSON.parse(sync.outbox.byRecord(s.recordId)!.receipt!) as Receipt);
    // As if the acknowledgements had been lost: the whole batch goes again.
    engine.store.db.prepare("UPDATE outbox_item SET state = 'waiting', receipt = NULL").run();
    const summary = await sync.send(fast);
    expect(summary).toMatchObject({ acknowledged: 3, duplicates: 3, waiting: 0 });
    await expectExactlySynced(sync, seeded);
    expect(seeded.map((s) => (JSON.parse(sync.outbox.byRecord(s.recordId)!.receipt!) as Receipt).receiptId)).toEqual(
      firstReceipts.map((r) => r.receiptId),
    );
  });

  it('retries an upload whose bytes were corrupted in flight, and ends with each record stored once', async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, 2);
    const proxy = await startFlippingProxy(Number(new URL(hub.url).port), 1);
    try {
      const events: SyncEvent[] = [];
      const summary = await sync.send({ ...fast, hubUrl: proxy.url, concurrency: 1, onEvent: (e) => events.push(e) });
      expect(proxy.flipped()).toBe(1);
      expect(events.filter((e) => e.type === 'retry').map((e) => (e as { code: string }).code)).toEqual(['sync.hash-mismatch']);
      expect(summary).toMatchObject({ acknowledged: 2, rejected: [], waiting: 0 });
      await expectExactlySynced(sync, seeded);
    } finally {
      await proxy.close();
    }
  });

  it('keeps retrying while the hub is unreachable and sends everything once it is back', async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, 3);
    const port = await freePort();
    const events: SyncEvent[] = [];
    const sent = sync.send({ ...fast, hubUrl: `http://127.0.0.1:${port}`, maxAttempts: 50, onEvent: (e) => events.push(e) });
    while (events.filter((e) => e.type === 'retry').length < 3) await new Promise((r) => setTimeout(r, 20));
    const later: TestHub = await startTestHub(hubDbUrl, hubBlobs, {}, port);
    try {
      const summary = await sent;
      expect(events.some((e) => e.type === 'retry' && e.code === 'sync.hub-unreachable')).toBe(true);
      expect(summary).toMatchObject({ acknowledged: 3, waiting: 0 });
      await expectExactlySynced(sync, seeded);
    } finally {
      await later.close();
    }
  });

  it('stops at a wrong credential, stores nothing, and keeps the records waiting', async () => {
    const { engine, sync } = await workstation();
    await seedRecords(engine, factory, 2);
    const before = Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
    const creds = sync.credentials()!;
    const runner = new SyncRunner({
      outbox: sync.outbox,
      blobs: engine.store.blobs,
      client: new HubClient(hub.url, `${creds.token.slice(0, -6)}zzzzzz`),
    });
    const summary = await runner.run(fast);
    expect(summary.stoppedBy?.code).toBe('sync.unauthorized');
    expect(summary.acknowledged).toBe(0);
    expect(sync.outbox.counts()).toMatchObject({ waiting: 2, acknowledged: 0 });
    expect(Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n)).toBe(before);
  });

  it('stops when the credential is revoked', async () => {
    const { engine, sync } = await workstation();
    await seedRecords(engine, factory, 1);
    await hub.hub.credentials.revokeWorkstation(sync.credentials()!.workstationId);
    const summary = await sync.send(fast);
    expect(summary.stoppedBy?.code).toBe('sync.unauthorized');
    expect(await hubRows(sync.credentials()!.workstationId)).toEqual([]);
  });

  it('rejects a record whose local PDF was altered, with a coded reason, and sends the others', async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, 2);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const bad = seeded[0]!;
    // One bit of the file as stored (encrypted) flipped on disk.
    const altered = readFileSync(engine.store.blobs.pathOf(bad.sha256));
    altered[altered.length - 300]! ^= 1;
    writeFileSync(engine.store.blobs.pathOf(bad.sha256), altered);
    const summary = await sync.send(fast);
    expect(summary.acknowledged).toBe(1);
    expect(summary.rejected).toEqual([
      { recordId: bad.recordId, code: 'sync.local-corrupt', message: expect.stringContaining(bad.sha256) },
    ]);
    expect(sync.outbox.byRecord(bad.recordId)).toMatchObject({ state: 'rejected', rejectionCode: 'sync.local-corrupt' });
  });

  it('rejects a record whose local PDF is gone, with its own code, and sends the others', async () => {
    const { engine, sync } = await workstation();
    const [gone, kept] = await seedRecords(engine, factory, 2);
    const { unlinkSync } = await import('node:fs');
    unlinkSync(engine.store.blobs.pathOf(gone!.sha256));
    const summary = await sync.send(fast);
    expect(summary.acknowledged).toBe(1);
    expect(summary.rejected).toEqual([
      { recordId: gone!.recordId, code: 'sync.local-missing', message: expect.stringContaining(gone!.sha256) },
    ]);
    await expectExactlySynced(sync, [kept!]);
  });

  it("records each record's way in the audit log: sent, acknowledged with the receipt, rejected with the code", async () => {
    const { engine, sync } = await workstation();
    const [good, bad] = await seedRecords(engine, factory, 2);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(engine.store.blobs.pathOf(bad!.sha256), Buffer.from('no longer the signed PDF'));
    await sync.send(fast);
    const events = engine.store.db
      .prepare("SELECT action, subject, details FROM audit_event WHERE action LIKE 'sync.record.%' ORDER BY seq")
      .all() as { action: string; subject: string; details: string }[];
    const of = (recordId: number) =>
      events
        .filter((e) => e.subject === String(recordId))
        .map((e) => ({ action: e.action, ...(JSON.parse(e.details) as Record<string, unknown>) }));
    const receipt = JSON.parse(sync.outbox.byRecord(good!.recordId)!.receipt!) as Receipt;
    expect(of(good!.recordId)).toMatchObject([
      { action: 'sync.record.sent', attempt: 1, dossierCode: good!.dossierCode },
      { action: 'sync.record.acknowledged', receiptId: receipt.receiptId, duplicate: false, sha256: good!.sha256 },
    ]);
    expect(of(bad!.recordId)).toMatchObject([{ action: 'sync.record.rejected', code: 'sync.local-corrupt' }]);
    expect(engine.verifyAudit()).toMatchObject({ ok: true });
  });

  it('honours a bandwidth limit and still delivers the exact bytes', async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, 2, { padding: 100_000 });
    const progress: number[] = [];
    const summary = await sync.send({
      ...fast,
      bandwidthBytesPerSecond: 2_000_000,
      concurrency: 1,
      onEvent: (e) => e.type === 'progress' && progress.push(e.bytesSent),
    });
    expect(summary).toMatchObject({ acknowledged: 2, waiting: 0 });
    expect(progress.length).toBeGreaterThan(2);
    await expectExactlySynced(sync, seeded);
  });

  it(`sends small records in batch requests of at most ${BATCH_UPLOAD.maxRecords}, and a record the hub refuses does not stop the rest of its batch`, async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, BATCH_UPLOAD.maxRecords + 4);
    // One record's stored PDF swapped for an unsigned one, as if signing had gone wrong.
    const unsigned = engine.store.blobs.put(await factory.unsigned('batch unsigned'));
    engine.store.db.prepare('UPDATE record SET pdf_sha256 = ? WHERE id = ?').run(unsigned, seeded[5]!.recordId);
    const proxy = await startRecordingProxy(hub.url);
    try {
      const summary = await sync.send({ ...fast, hubUrl: proxy.url, concurrency: 2 });
      expect(summary).toMatchObject({ acknowledged: BATCH_UPLOAD.maxRecords + 3, waiting: 0 });
      expect(summary.rejected).toEqual([{ recordId: seeded[5]!.recordId, code: 'sync.signature-invalid', message: expect.any(String) }]);
      // The run ends by telling the hub its audit log's head.
      expect(proxy.seen).toEqual(['POST /records/batch', 'POST /records/batch', 'POST /audit/head']);
    } finally {
      await proxy.close();
    }
    await expectExactlySynced(
      sync,
      seeded.filter((_, i) => i !== 5),
    );
  });

  it('sends records one by one to a hub without the batch route', async () => {
    const { engine, sync } = await workstation();
    const seeded = await seedRecords(engine, factory, 5);
    const proxy = await startRecordingProxy(hub.url, (method, path) => method === 'POST' && path === '/records/batch');
    try {
      const summary = await sync.send({ ...fast, hubUrl: proxy.url, concurrency: 1 });
      expect(summary).toMatchObject({ acknowledged: 5, rejected: [], waiting: 0 });
      expect(proxy.seen.filter((r) => r === 'POST /records/batch')).toHaveLength(1);
      expect(proxy.seen.filter((r) => r.startsWith('PUT /records/'))).toHaveLength(5);
    } finally {
      await proxy.close();
    }
    await expectExactlySynced(sync, seeded);
  });
});

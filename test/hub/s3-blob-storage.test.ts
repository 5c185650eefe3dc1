import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Engine } from '../../src/core/engine';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { CredentialRepository } from '../../src/hub/credential-repository';
import { parseS3Url, S3BlobStorage } from '../../src/hub/s3-blob-storage';
import type { Receipt } from '../../src/shared/sync-protocol';
import { runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { seedRecords } from '../sync/support/workstation';
import { spawnHub, startTestHub, type HubProcess, type TestHub } from './support/hub-harness';
import { startPostgres, type TestPostgres } from './support/postgres';
import { S3RVER_CREDENTIALS, startS3, type TestS3 } from './support/s3';

let postgres: TestPostgres;
let s3: TestS3;
let factory: RecordFactory;
let pool: pg.Pool;
let dbUrl: string;
let reader: S3Client;
const dirs: { remove(): void }[] = [];
const fast = { backoff: { baseMs: 20, maxMs: 100 }, maxWaitMs: 5_000 };

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The keys under a prefix, listed by a client of the test's own (not the hub's). */
async function keysUnder(prefix: string): Promise<string[]> {
  const { Contents } = await reader.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${prefix}/` }));
  return (Contents ?? []).map((c) => c.Key!).sort();
}

async function objectBytes(key: string): Promise<Buffer> {
  const { Body } = await reader.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return Buffer.from(await Body!.transformToByteArray());
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function workstation(hubUrl: string): Promise<{ engine: Engine; sync: WorkstationSync }> {
  const dir = tempDir('sohoa-ws-');
  dirs.push(dir);
  const engine = Engine.open({ dataDir: dir.path });
  const sync = new WorkstationSync(engine);
  await sync.enroll(hubUrl, await new CredentialRepository(pool).issueCode(), 'desk');
  return { engine, sync };
}

const storage = (prefix: string) =>
  new S3BlobStorage({ bucket: s3.bucket, prefix, endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });

beforeAll(async () => {
  postgres = await startPostgres();
  dbUrl = await postgres.createDatabase('hub_s3');
  pool = new pg.Pool({ connectionString: dbUrl });
  s3 = await startS3();
  reader = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', credentials: S3RVER_CREDENTIALS, forcePathStyle: true });
  factory = await recordFactory();
}, 60_000);

afterAll(async () => {
  reader?.destroy();
  await pool?.end();
  postgres?.stop();
  await s3?.stop();
  factory?.cleanup();
  for (const d of dirs) d.remove();
});

describe('S3-compatible blob storage', () => {
  it('reads s3://bucket/prefix addresses and nothing else', () => {
    expect(parseS3Url('s3://records/hub/blobs/')).toEqual({ bucket: 'records', prefix: 'hub/blobs' });
    expect(parseS3Url('s3://records')).toEqual({ bucket: 'records', prefix: '' });
    expect(parseS3Url('/var/lib/sohoa/blobs')).toBeUndefined();
    expect(parseS3Url('s3://A_B/x')).toBeUndefined();
  });

  it('a synced record (sent whole, and by tus) lands once under its SHA-256, comes back byte-identical, and a resend is a duplicate', async () => {
    const spool = tempDir('sohoa-hub-spool-');
    dirs.push(spool);
    const blobs = storage('hub');
    const hub: TestHub = await startTestHub(dbUrl, spool.path, { blobs });
    const { engine, sync } = await workstation(hub.url);
    try {
      const small = await seedRecords(engine, factory, 1);
      const large = await seedRecords(engine, factory, 1, { padding: 400_000 });
      const seeded = [...small, ...large];
      expect(large[0]!.bytes.length).toBeGreaterThan(256 * 1024);
      const summary = await sync.send(fast);
      expect(summary).toMatchObject({ acknowledged: 2, waiting: 0, rejected: [] });

      expect(await keysUnder('hub')).toEqual(seeded.map((s) => `hub/${s.sha256}`).sort());
      for (const s of seeded) {
        const stored = await objectBytes(`hub/${s.sha256}`);
        expect(sha(stored)).toBe(s.sha256);
        expect(stored.equals(Buffer.from(s.bytes))).toBe(true);
        expect((await collect(blobs.read(s.sha256))).equals(Buffer.from(s.bytes))).toBe(true);
        expect(await blobs.has(s.sha256)).toBe(true);
      }
      expect(await blobs.has('0'.repeat(64))).toBe(false);

      // The same records again (the workstation lost its acknowledgements): duplicates, nothing stored twice.
      engine.store.db.prepare("UPDATE outbox_item SET state = 'waiting', receipt = NULL, attempts = 0").run();
      const again = await sync.send(fast);
      expect(again).toMatchObject({ acknowledged: 2, duplicates: 2, waiting: 0 });
      const { rows } = await pool.query<{ sha256: string; receipt_id: string }>(
        'SELECT sha256, receipt_id FROM record WHERE workstation_id = $1',
        [sync.credentials()!.workstationId],
      );
      expect(rows.map((r) => r.sha256).sort()).toEqual(seeded.map((s) => s.sha256).sort());
      for (const s of seeded)
        expect((JSON.parse(sync.outbox.byRecord(s.recordId)!.receipt!) as Receipt).receiptId).toBe(
          rows.find((r) => r.sha256 === s.sha256)!.receipt_id,
        );
      expect(await keysUnder('hub')).toHaveLength(2);
    } finally {
      engine.close();
      await hub.close();
      blobs.close();
    }
  });

  it('`sohoa hub --blobs s3://… --spool DIR --s3-endpoint URL` stores in the bucket, with credentials from the AWS environment', async () => {
    const spool = tempDir('sohoa-hub-spool-');
    dirs.push(spool);
    process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
    let hub: HubProcess | undefined;
    try {
      hub = await spawnHub(dbUrl, `s3://${s3.bucket}/cli/blobs`, 0, [
        '--spool',
        spool.path,
        '--s3-endpoint',
        s3.endpoint,
        '--verifier',
        'pades',
      ]);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
    const { engine, sync } = await workstation(hub.url);
    try {
      const [record] = await seedRecords(engine, factory, 1);
      expect(await sync.send(fast)).toMatchObject({ acknowledged: 1, waiting: 0 });
      expect(await keysUnder('cli/blobs')).toEqual([`cli/blobs/${record!.sha256}`]);
      expect((await objectBytes(`cli/blobs/${record!.sha256}`)).equals(Buffer.from(record!.bytes))).toBe(true);
    } finally {
      engine.close();
      await hub.kill();
    }
  });

  it('`sohoa hub` refuses an S3 address it cannot use, with the reason, before touching the database', () => {
    const refused = (args: string[]) => {
      const r = runSohoa(['hub', '--db', 'postgres://nobody@127.0.0.1:1/none', ...args]);
      return { code: r.code, reason: r.stderr.split(' (usage:')[0] }; // the reason, without the usage text that names every option
    };
    expect(refused(['--blobs', `s3://${s3.bucket}/p`])).toMatchObject({ code: 2, reason: expect.stringContaining('--spool') });
    expect(refused(['--blobs', 's3://Not_A_Bucket/p', '--spool', '/tmp'])).toMatchObject({
      code: 2,
      reason: expect.stringContaining('s3://bucket/prefix'),
    });
    expect(refused(['--blobs', `s3://${s3.bucket}/p`, '--spool', '/tmp', '--s3-endpoint', 'ftp://x'])).toMatchObject({
      code: 2,
      reason: expect.stringContaining('--s3-endpoint'),
    });
    expect(refused(['--blobs', '/tmp/blobs', '--s3-endpoint', s3.endpoint])).toMatchObject({
      code: 2,
      reason: expect.stringContaining('--s3-endpoint'),
    });
  });

  it('storage that cannot be reached is a coded 503: nothing is committed and the record waits', async () => {
    const spool = tempDir('sohoa-hub-spool-');
    dirs.push(spool);
    const down = new S3BlobStorage({ bucket: s3.bucket, prefix: 'down', endpoint: 'http://127.0.0.1:9', credentials: S3RVER_CREDENTIALS });
    const hub = await startTestHub(dbUrl, spool.path, { blobs: down });
    const { engine, sync } = await workstation(hub.url);
    try {
      const [record] = await seedRecords(engine, factory, 1);
      const retries: string[] = [];
      const summary = await sync.send({ ...fast, maxAttempts: 2, onEvent: (e) => e.type === 'retry' && retries.push(e.code) });
      expect(summary).toMatchObject({ acknowledged: 0, waiting: 1, rejected: [] });
      expect(retries).toEqual(['sync.storage-unavailable', 'sync.storage-unavailable']);
      expect(sync.outbox.byRecord(record!.recordId)).toMatchObject({
        state: 'waiting',
        lastError: expect.stringContaining('sync.storage-unavailable'),
      });
      const { rows } = await pool.query('SELECT 1 FROM record WHERE sha256 = $1', [record!.sha256]);
      expect(rows).toHaveLength(0);
    } finally {
      engine.close();
      await hub.close();
      down.close();
    }
  });
});

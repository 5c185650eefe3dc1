import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Receipt, RecordDescriptor } from '../../src/shared/sync-protocol';
import { tempDir } from '../support/temp-dir';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { startPostgres, type TestPostgres } from './support/postgres';
import { startTestHub, type TestHub } from './support/hub-harness';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const header = (record: unknown) => Buffer.from(JSON.stringify(record)).toString('base64url');

let postgres: TestPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
let token: string;
const blobs = tempDir('sohoa-hub-blobs-');
const MAX = 256 * 1024;

function descriptor(bytes: Uint8Array, documentKey: string, version = 1, over: Partial<RecordDescriptor> = {}): RecordDescriptor {
  return { documentKey, version, sha256: sha(bytes), size: bytes.length, dossierCode: documentKey.split('/')[0]!, procedureCode: '1.001', agencyCode: 'H12', year: 2021, status: 'digitized', signedAt: null, ...over };
}

/** One direct upload as raw HTTP, so every header can be wrong on purpose. */
function put(path: string, headers: Record<string, string | number>, body: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(path, hub.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(Buffer.from(body));
  });
}

const send = (bytes: Uint8Array, record: RecordDescriptor, over: Record<string, string | number> = {}, path = `/records/${record.sha256}`) =>
  put(path, { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'content-length': bytes.length, 'sohoa-record': header(record), ...over }, bytes);

const rowCount = async () => Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
const storedBlobs = () => readdirSync(blobs.path, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length;

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('hub_direct');
  pool = new pg.Pool({ connectionString: url });
  hub = await startTestHub(url, blobs.path, { maxRecordBytes: MAX });
  factory = await recordFactory();
  const code = await hub.hub.credentials.issueCode();
  const r = await fetch(`${hub.url}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'desk' }) });
  token = ((await r.json()) as { token: string }).token;
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await pool?.end();
  postgres?.stop();
  factory?.cleanup();
  blobs.remove();
});

describe('direct upload of a small record (PUT /records/<sha256>)', () => {
  it('stores a signed record once and answers its receipt; a repeat gets the same receipt', async () => {
    const bytes = await factory.signed('direct D/1');
    const first = await send(bytes, descriptor(bytes, 'D/1'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ documentKey: 'D/1', version: 1, sha256: sha(bytes), duplicate: false });
    const again = await send(bytes, descriptor(bytes, 'D/1'));
    expect(again.body).toMatchObject({ receiptId: (first.body as unknown as Receipt).receiptId, duplicate: true });
    expect(await rowCount()).toBe(1);
    expect(storedBlobs()).toBe(1);
  });

  it('refuses bad input with a code and stores nothing', async () => {
    const before = { rows: await rowCount(), blobs: storedBlobs() };
    const bytes = await factory.signed('direct B/1');
    const record = descriptor(bytes, 'B/1');
    const codeOf = async (p: Promise<{ status: number; body: Record<string, unknown> }>) => {
      const r = await p;
      return `${r.status} ${String(r.body.code)}`;
    };
    expect(await codeOf(send(bytes, record, { authorization: 'Bearer nope' }))).toBe('401 sync.unauthorized');
    expect(await codeOf(send(bytes, record, { 'sohoa-record': 'not json' }))).toBe('400 sync.bad-request');
    expect(await codeOf(send(bytes, { ...record, documentKey: '' }))).toBe('400 sync.bad-request');
    expect(await codeOf(send(bytes, record, {}, `/records/${sha(Buffer.from('other'))}`))).toBe('400 sync.bad-request');
    expect(await codeOf(send(bytes, record, {}, '/records/not-a-sha'))).toBe('400 sync.bad-request');
    expect(await codeOf(send(bytes, { ...record, size: bytes.length + 1 }))).toBe('422 sync.size-mismatch');
    const flipped = Buffer.from(bytes);
    flipped[700]! ^= 0x20;
    expect(await codeOf(send(flipped, record))).toBe('422 sync.hash-mismatch');
    const unsigned = await factory.unsigned('direct U/1');
    expect(await codeOf(send(unsigned, descriptor(unsigned, 'U/1')))).toBe('422 sync.signature-invalid');
    const text = Buffer.from('plain text, not a PDF');
    expect(await codeOf(send(text, descriptor(text, 'T/1')))).toBe('422 sync.not-pdf');
    const big = Buffer.alloc(MAX + 1, 1);
    expect(await codeOf(send(big, descriptor(big, 'G/1')))).toBe('413 sync.too-large');
    expect({ rows: await rowCount(), blobs: storedBlobs() }).toEqual(before);
  });
});

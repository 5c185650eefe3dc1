import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { encodeBatch } from '../../src/shared/batch-body';
import type { BatchResponse, RecordDescriptor } from '../../src/shared/sync-protocol';
import { tempDir } from '../support/temp-dir';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { startPostgres, type TestPostgres } from './support/postgres';
import { startTestHub, type TestHub } from './support/hub-harness';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let postgres: TestPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
let token: string;
const blobs = tempDir('sohoa-hub-batch-blobs-');

function descriptor(bytes: Uint8Array, documentKey: string, version = 1): RecordDescriptor {
  return { documentKey, version, sha256: sha(bytes), size: bytes.length, dossierCode: documentKey.split('/')[0]!, procedureCode: '1.001', agencyCode: 'H12', year: 2021, status: 'digitized', signedAt: null };
}

/** One POST /records/batch as raw HTTP, so the body and headers can be wrong on purpose. */
function post(body: Buffer, headers: Record<string, string | number> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/records/batch', hub.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.sohoa.records', 'content-length': body.length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const batchOf = (items: { record: RecordDescriptor; bytes: Uint8Array }[]) => Buffer.concat(encodeBatch(items));
const rows = async () => (await pool.query<{ document_key: string; version: number; sha256: string; receipt_id: string }>('SELECT document_key, version, sha256, receipt_id FROM record ORDER BY id')).rows;
const storedBlobs = () => readdirSync(blobs.path, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length;
const codeOf = (r: { status: number; body: Record<string, unknown> }) => `${r.status} ${String(r.body.code)}`;

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('hub_batch');
  pool = new pg.Pool({ connectionString: url });
  hub = await startTestHub(url, blobs.path);
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

describe('several records in one request (POST /records/batch)', () => {
  it('stores each signed record once, answers a receipt per record in order, and a repeat gets the same receipts', async () => {
    const items = await Promise.all(['A/1', 'A/2', 'A/3'].map(async (key) => ({ key, bytes: await factory.signed(`batch ${key}`) })));
    const body = batchOf(items.map(({ key, bytes }) => ({ record: descriptor(bytes, key), bytes })));
    const first = await post(body);
    expect(first.status).toBe(200);
    const results = (first.body as unknown as BatchResponse).results;
    expect(results.map((r) => ('receipt' in r ? `${r.receipt.documentKey} ${r.receipt.sha256} ${r.receipt.duplicate}` : r.error.code))).toEqual(items.map(({ key, bytes }) => `${key} ${sha(bytes)} false`));
    const stored = await rows();
    expect(stored.map((r) => `${r.document_key} ${r.sha256}`)).toEqual(items.map(({ key, bytes }) => `${key} ${sha(bytes)}`));
    expect(results.map((r) => 'receipt' in r && r.receipt.receiptId)).toEqual(stored.map((r) => r.receipt_id));
    expect(storedBlobs()).toBe(3);

    const again = (await post(body)).body as unknown as BatchResponse;
    expect(again.results.map((r) => 'receipt' in r && `${r.receipt.receiptId} ${r.receipt.duplicate}`)).toEqual(stored.map((r) => `${r.receipt_id} true`));
    expect((await rows()).length).toBe(3);
    expect(storedBlobs()).toBe(3);
  });

  it('refuses the bad records of a batch each with its code, stores the good ones, and leaves nothing of the bad', async () => {
    const before = { rows: (await rows()).length, blobs: storedBlobs() };
    const good = await factory.signed('batch G/1');
    const flipped = Buffer.from(await factory.signed('batch F/1'));
    const declaredFlipped = descriptor(flipped, 'F/1');
    flipped[700]! ^= 0x20;
    const unsigned = await factory.unsigned('batch U/1');
    const text = Buffer.from('plain text, not a PDF');
    const taken = await factory.signed('batch A/1 other bytes');
    const answer = await post(
      batchOf([
        { record: descriptor(good, 'G/1'), bytes: good },
        { record: declaredFlipped, bytes: flipped },
        { record: descriptor(unsigned, 'U/1'), bytes: unsigned },
        { record: descriptor(text, 'T/1'), bytes: text },
        { record: descriptor(taken, 'A/1'), bytes: taken },
      ]),
    );
    expect(answer.status).toBe(200);
    const results = (answer.body as unknown as BatchResponse).results;
    expect(results.map((r) => ('receipt' in r ? 'stored' : r.error.code))).toEqual(['stored', 'sync.hash-mismatch', 'sync.signature-invalid', 'sync.not-pdf', 'sync.version-conflict']);
    expect((await rows()).length).toBe(before.rows + 1);
    expect(storedBlobs()).toBe(before.blobs + 1);
  });

  it('refuses a malformed or unauthorized batch as a whole, with a code, and stores nothing', async () => {
    const before = { rows: (await rows()).length, blobs: storedBlobs() };
    const bytes = await factory.signed('batch M/1');
    const record = descriptor(bytes, 'M/1');
    const body = batchOf([{ record, bytes }]);
    expect(codeOf(await post(body, { authorization: 'Bearer nope' }))).toBe('401 sync.unauthorized');
    expect(codeOf(await post(body, { 'content-type': 'application/pdf' }))).toBe('400 sync.bad-request');
    expect(codeOf(await post(Buffer.from([0, 0])))).toBe('400 sync.bad-request');
    const lengthTooBig = Buffer.from(body);
    lengthTooBig.writeUInt32BE(body.length);
    expect(codeOf(await post(lengthTooBig))).toBe('400 sync.bad-request');
    const notJson = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('{x}'), bytes]);
    expect(codeOf(await post(notJson))).toBe('400 sync.bad-request');
    expect(codeOf(await post(batchOf([{ record, bytes }, { record, bytes }])))).toBe('400 sync.bad-request');
    expect(codeOf(await post(batchOf([{ record: { ...record, size: record.size + 1 }, bytes }])))).toBe('422 sync.size-mismatch');
    const seventeen = Array.from({ length: 17 }, (_, i) => ({ record: { ...record, documentKey: `M/${i}` }, bytes }));
    expect(codeOf(await post(batchOf(seventeen)))).toBe('400 sync.bad-request');
    expect(codeOf(await post(Buffer.alloc(5 * 1024 * 1024)))).toBe('413 sync.too-large');
    expect({ rows: (await rows()).length, blobs: storedBlobs() }).toEqual(before);
  });
});

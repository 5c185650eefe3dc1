import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { encodeBatch } from '../../src/shared/batch-body';
import { BATCH_UPLOAD, type BatchResponse, type Receipt, type RecordDescriptor } from '../../src/shared/sync-protocol';
import { tempDir } from '../support/temp-dir';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import type { TestHub } from './support/hub-harness';
import { startHubOnPostgres, type HubOnPostgres } from './support/hub-on-postgres';
import { enrollAtHub } from './support/enroll';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const header = (record: unknown) => Buffer.from(JSON.stringify(record)).toString('base64url');

let served: HubOnPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
let token: string;
const blobs = tempDir('sohoa-hub-blobs-');
const MAX = 256 * 1024;

function descriptor(bytes: Uint8Array, documentKey: string, version = 1, over: Partial<RecordDescriptor> = {}): RecordDescriptor {
  return {
    documentKey,
    version,
    sha256: sha(bytes),
    size: bytes.length,
    dossierCode: documentKey.split('/')[0]!,
    procedureCode: '1.001',
    agencyCode: 'H12',
    year: 2021,
    status: 'digitized',
    signedAt: null,
    ...over,
  };
}

/** A signed record whose XMP says what `descriptor(…, documentKey)` declares. */
const signedAs = (documentKey: string, label: string) =>
  factory.signed(label, 0, { dossierCode: documentKey.split('/')[0]!, procedureCode: '1.001', agencyCode: 'H12' });

/** One direct upload as raw HTTP, so every header can be wrong on purpose. */
function put(
  path: string,
  headers: Record<string, string | number>,
  body: Uint8Array,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(path, hub.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
        }),
      );
    });
    req.on('error', reject);
    req.end(Buffer.from(body));
  });
}

const send = (
  bytes: Uint8Array,
  record: RecordDescriptor,
  over: Record<string, string | number> = {},
  path = `/records/${record.sha256}`,
) =>
  put(
    path,
    {
      authorization: `Bearer ${token}`,
      'content-type': 'application/pdf',
      'content-length': bytes.length,
      'sohoa-record': header(record),
      ...over,
    },
    bytes,
  );

const rowCount = async () => Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
const storedBlobs = () => readdirSync(blobs.path, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length;

/** One POST /records/batch as raw HTTP, so the body and headers can be wrong on purpose. */
function postBatch(
  body: Buffer,
  headers: Record<string, string | number> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/records/batch', hub.url),
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/vnd.sohoa.records',
          'content-length': body.length,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const answerCode = (r: { status: number; body: Record<string, unknown> }) => `${r.status} ${String(r.body.code)}`;
const batchOf = (items: { record: RecordDescriptor; bytes: Uint8Array }[]) => Buffer.concat(encodeBatch(items));
const rows = async () =>
  (
    await pool.query<{ document_key: string; sha256: string; receipt_id: string }>(
      'SELECT document_key, sha256, receipt_id FROM record ORDER BY id',
    )
  ).rows;

beforeAll(async () => {
  served = await startHubOnPostgres('hub_direct', blobs.path, { maxRecordBytes: MAX });
  ({ hub, pool } = served);
  factory = await recordFactory();
  ({ token } = await enrollAtHub(hub.url, await hub.hub.credentials.issueCode()));
}, 60_000);

afterAll(async () => {
  await served?.close();
  factory?.cleanup();
  blobs.remove();
});

describe('direct upload of a small record (PUT /records/<sha256>)', () => {
  it('stores a signed record once and answers its receipt; a repeat gets the same receipt', async () => {
    const bytes = await signedAs('D/1', 'direct D/1');
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
    const bytes = await signedAs('B/1', 'direct B/1');
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

describe('several records in one request (POST /records/batch)', () => {
  it('stores each signed record once, answers a receipt per record in order, and a repeat gets the same receipts', async () => {
    const before = { rows: (await rows()).length, blobs: storedBlobs() };
    const items = await Promise.all(['A/1', 'A/2', 'A/3'].map(async (key) => ({ key, bytes: await signedAs(key, `batch ${key}`) })));
    const body = batchOf(items.map(({ key, bytes }) => ({ record: descriptor(bytes, key), bytes })));
    const first = await postBatch(body);
    expect(first.status).toBe(200);
    const results = (first.body as unknown as BatchResponse).results;
    expect(
      results.map((r) => ('receipt' in r ? `${r.receipt.documentKey} ${r.receipt.sha256} ${r.receipt.duplicate}` : r.error.code)),
    ).toEqual(items.map(({ key, bytes }) => `${key} ${sha(bytes)} false`));
    const stored = (await rows()).slice(before.rows);
    expect(stored.map((r) => `${r.document_key} ${r.sha256}`)).toEqual(items.map(({ key, bytes }) => `${key} ${sha(bytes)}`));
    expect(results.map((r) => 'receipt' in r && r.receipt.receiptId)).toEqual(stored.map((r) => r.receipt_id));
    expect(storedBlobs()).toBe(before.blobs + 3);

    const again = (await postBatch(body)).body as unknown as BatchResponse;
    expect(again.results.map((r) => 'receipt' in r && `${r.receipt.receiptId} ${r.receipt.duplicate}`)).toEqual(
      stored.map((r) => `${r.receipt_id} true`),
    );
    expect((await rows()).length).toBe(before.rows + 3);
    expect(storedBlobs()).toBe(before.blobs + 3);
  });

  it('refuses the bad records of a batch each with its code, stores the good ones, and leaves nothing of the bad', async () => {
    const before = { rows: (await rows()).length, blobs: storedBlobs() };
    const good = await signedAs('G/1', 'batch G/1');
    const flipped = Buffer.from(await signedAs('F/1', 'batch F/1'));
    const declaredFlipped = descriptor(flipped, 'F/1');
    flipped[700]! ^= 0x20;
    const unsigned = await factory.unsigned('batch U/1');
    const text = Buffer.from('plain text, not a PDF');
    const taken = await signedAs('A/1', 'batch A/1 other bytes');
    const answer = await postBatch(
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
    expect(results.map((r) => ('receipt' in r ? 'stored' : r.error.code))).toEqual([
      'stored',
      'sync.hash-mismatch',
      'sync.signature-invalid',
      'sync.not-pdf',
      'sync.version-conflict',
    ]);
    expect((await rows()).length).toBe(before.rows + 1);
    expect(storedBlobs()).toBe(before.blobs + 1);
  });

  it('refuses a malformed or unauthorized batch as a whole, with a code, and stores nothing', async () => {
    const before = { rows: (await rows()).length, blobs: storedBlobs() };
    const bytes = await signedAs('M/1', 'batch M/1');
    const record = descriptor(bytes, 'M/1');
    const body = batchOf([{ record, bytes }]);
    expect(answerCode(await postBatch(body, { authorization: 'Bearer nope' }))).toBe('401 sync.unauthorized');
    expect(answerCode(await postBatch(body, { 'content-type': 'application/pdf' }))).toBe('400 sync.bad-request');
    expect(answerCode(await postBatch(Buffer.from([0, 0])))).toBe('400 sync.bad-request');
    const lengthTooBig = Buffer.from(body);
    lengthTooBig.writeUInt32BE(body.length);
    expect(answerCode(await postBatch(lengthTooBig))).toBe('400 sync.bad-request');
    const notJson = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('{x}'), bytes]);
    expect(answerCode(await postBatch(notJson))).toBe('400 sync.bad-request');
    expect(
      answerCode(
        await postBatch(
          batchOf([
            { record, bytes },
            { record, bytes },
          ]),
        ),
      ),
    ).toBe('400 sync.bad-request');
    expect(answerCode(await postBatch(batchOf([{ record: { ...record, size: record.size + 1 }, bytes }])))).toBe('422 sync.size-mismatch');
    const oneTooMany = Array.from({ length: BATCH_UPLOAD.maxRecords + 1 }, (_, i) => ({
      record: { ...record, documentKey: `M/${i}` },
      bytes,
    }));
    expect(answerCode(await postBatch(batchOf(oneTooMany)))).toBe('400 sync.bad-request');
    expect(answerCode(await postBatch(Buffer.alloc(5 * 1024 * 1024)))).toBe('413 sync.too-large');
    expect({ rows: (await rows()).length, blobs: storedBlobs() }).toEqual(before);
  });
});

import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { RecordDescriptor } from '../../src/shared/sync-protocol';
import { tempDir } from '../support/temp-dir';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import type { TestHub } from './support/hub-harness';
import { startHubOnPostgres, type HubOnPostgres } from './support/hub-on-postgres';
import { enrollAtHub } from './support/enroll';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let served: HubOnPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
const blobs = tempDir('sohoa-hub-blobs-');
const MAX = 256 * 1024;

const enroll = async (role: 'workstation' | 'supervisor' = 'workstation') =>
  enrollAtHub(hub.url, await hub.hub.credentials.issueCode(role));

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
const signedAs = (documentKey: string, label: string, agencyCode = 'H12') =>
  factory.signed(label, 0, { dossierCode: documentKey.split('/')[0]!, procedureCode: '1.001', agencyCode });

async function upload(token: string, bytes: Uint8Array, declaredSha = sha(bytes)): Promise<string> {
  return new Promise((resolve, reject) => {
    const u = new tus.Upload(Buffer.from(bytes), {
      endpoint: `${hub.url}/files`,
      headers: { authorization: `Bearer ${token}` },
      metadata: { sha256: declaredSha },
      uploadSize: bytes.length,
      retryDelays: null,
      onSuccess: () => resolve(u.url!.split('/').pop()!),
      onError: reject,
    });
    u.start();
  });
}

async function commit(token: string, body: unknown) {
  const r = await fetch(`${hub.url}/records/commit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const rowCount = async () => Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
const storedBlobs = () => readdirSync(blobs.path, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length;

beforeAll(async () => {
  served = await startHubOnPostgres('hub_api', blobs.path, { maxRecordBytes: MAX });
  ({ hub, pool } = served);
  factory = await recordFactory();
}, 60_000);

afterAll(async () => {
  await served?.close();
  factory?.cleanup();
  blobs.remove();
});

describe('hub API', () => {
  it('answers /healthz without a credential', async () => {
    const r = await fetch(`${hub.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, uploads: { unfinished: 0 } });
  });

  it('spends an enrollment code once', async () => {
    const code = await hub.hub.credentials.issueCode();
    const first = await fetch(`${hub.url}/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'a' }),
    });
    const second = await fetch(`${hub.url}/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'b' }),
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(403);
    expect(((await second.json()) as { code: string }).code).toBe('sync.enrollment-invalid');
  });

  it('refuses requests without, or with a wrong, bearer token', async () => {
    const none = await fetch(`${hub.url}/progress`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { code: string }).code).toBe('sync.unauthorized');
    const { token } = await enroll();
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const wrong = await fetch(`${hub.url}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${forged}`, 'tus-resumable': '1.0.0', 'upload-length': '10' },
    });
    expect(wrong.status).toBe(401);
  });

  it('stores a record once when the same version is committed twice, and keeps old versions', async () => {
    const { token, workstationId } = await enroll();
    const before = await rowCount();
    const v1 = await signedAs('A/1', 'dossier A v1');
    const d1 = descriptor(v1, 'A/1', 1);
    const first = await commit(token, { record: d1, uploadId: await upload(token, v1) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ workstationId, documentKey: 'A/1', version: 1, sha256: d1.sha256, duplicate: false });
    const again = await commit(token, { record: d1, uploadId: await upload(token, v1) });
    expect(again.body).toMatchObject({ receiptId: first.body.receiptId, duplicate: true });
    const known = await commit(token, { record: d1 });
    expect(known.body).toMatchObject({ receiptId: first.body.receiptId, duplicate: true });
    const v2 = await signedAs('A/1', 'dossier A v2');
    const second = await commit(token, { record: descriptor(v2, 'A/1', 2), uploadId: await upload(token, v2) });
    expect(second.body).toMatchObject({ version: 2, duplicate: false });
    expect(await rowCount()).toBe(before + 2);
    const conflict = await commit(token, { record: descriptor(v2, 'A/1', 1) });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('sync.version-conflict');
  });

  it('rejects bytes that do not hash to the declared SHA-256, an unsigned PDF and a non-PDF, storing nothing', async () => {
    const { token } = await enroll();
    const before = await rowCount();
    const blobsBefore = storedBlobs();
    const signed = await signedAs('L/1', 'liar');
    const other = await signedAs('L/1', 'other bytes');
    const lie = await commit(token, {
      record: { ...descriptor(other, 'L/1'), sha256: sha(signed), size: other.length },
      uploadId: await upload(token, other, sha(signed)),
    });
    expect(lie.status).toBe(422);
    expect(lie.body.code).toBe('sync.hash-mismatch');
    const unsigned = await factory.unsigned('no signature');
    const u = await commit(token, { record: descriptor(unsigned, 'U/1'), uploadId: await upload(token, unsigned) });
    expect(u.body.code).toBe('sync.signature-invalid');
    const text = new TextEncoder().encode('not a pdf at all');
    const t = await commit(token, { record: descriptor(text, 'T/1'), uploadId: await upload(token, text) });
    expect(t.body.code).toBe('sync.not-pdf');
    const tampered = Buffer.from(signed);
    tampered[tampered.length - 300]! ^= 0x01; // inside the signed range (the /Contents padding is not)
    const x = await commit(token, { record: descriptor(tampered, 'X/1'), uploadId: await upload(token, tampered) });
    expect(x.body.code).toBe('sync.signature-invalid');
    expect(await rowCount()).toBe(before);
    expect(storedBlobs()).toBe(blobsBefore);
  });

  it("refuses malformed bodies, an upload it does not hold, oversized uploads, and another workstation's upload", async () => {
    const a = await enroll();
    const b = await enroll();
    const malformed = await fetch(`${hub.url}/records/commit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
      body: '{"record": 1',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('sync.bad-request');
    const wrongShape = await commit(a.token, { record: { documentKey: 'x' } });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.code).toBe('sync.bad-request');
    const bytes = await signedAs('N/1', 'unsent');
    const notHeld = await commit(a.token, { record: descriptor(bytes, 'N/1') });
    expect(notHeld.body.code).toBe('sync.upload-required');
    await expect(upload(a.token, new Uint8Array(MAX + 1))).rejects.toThrow(/413/);
    const id = await upload(a.token, bytes);
    const stolen = await commit(b.token, { record: descriptor(bytes, 'N/1'), uploadId: id });
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('sync.upload-not-found');
    const head = await fetch(`${hub.url}/files/${id}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${b.token}`, 'tus-resumable': '1.0.0' },
    });
    expect(head.status).toBe(403);
  });

  it('commits a record by hash alone only when that workstation uploaded the blob itself', async () => {
    const a = await enroll();
    const b = await enroll();
    const bytes = await signedAs('O/1', 'owned');
    expect((await commit(a.token, { record: descriptor(bytes, 'O/1'), uploadId: await upload(a.token, bytes) })).status).toBe(200);
    const before = await rowCount();
    const borrowed = await commit(b.token, { record: descriptor(bytes, 'O/9') });
    expect(borrowed.body.code).toBe('sync.upload-required');
    expect(await rowCount()).toBe(before);
    expect((await commit(a.token, { record: descriptor(bytes, 'O/2') })).status).toBe(200);
    expect((await commit(b.token, { record: descriptor(bytes, 'O/9'), uploadId: await upload(b.token, bytes) })).status).toBe(200);
    expect((await commit(b.token, { record: descriptor(bytes, 'O/10') })).status).toBe(200);
  });

  it('refuses a revoked credential and stores nothing from it', async () => {
    const { token, workstationId } = await enroll();
    expect(await hub.hub.credentials.revokeWorkstation(workstationId)).toBe(1);
    const before = await rowCount();
    const bytes = await signedAs('R/1', 'revoked');
    await expect(upload(token, bytes)).rejects.toThrow(/401/);
    const r = await commit(token, { record: descriptor(bytes, 'R/1') });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('sync.unauthorized');
    expect(await rowCount()).toBe(before);
  });

  it('serves aggregate progress to a supervisor, who may not send records', async () => {
    const ws = await enroll();
    const supervisor = await enroll('supervisor');
    const bytes = await signedAs('P/1', 'progress', 'AG-P');
    await commit(ws.token, {
      record: descriptor(bytes, 'P/1', 1, { agencyCode: 'AG-P', year: 2020, status: 'archived' }),
      uploadId: await upload(ws.token, bytes),
    });
    // Two versions of one dossier's result, sent marked as such: one dossier with a result.
    const result1 = await signedAs('KQ/9', 'result v1');
    const result2 = await signedAs('KQ/9', 'result v2');
    await commit(ws.token, { record: descriptor(result1, 'KQ/9', 1, { isResult: true }), uploadId: await upload(ws.token, result1) });
    await commit(ws.token, { record: descriptor(result2, 'KQ/9', 2, { isResult: true }), uploadId: await upload(ws.token, result2) });
    const r = await fetch(`${hub.url}/progress`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(r.status).toBe(200);
    const report = (await r.json()) as {
      total: { records: number };
      byAgency: { key: string; records: number }[];
      byYear: { key: string; records: number }[];
      byDay: { key: string }[];
    };
    expect(report.total.records).toBe(await rowCount());
    expect(report.byAgency.find((x) => x.key === 'AG-P')?.records).toBe(1);
    expect(report.byYear.reduce((s, x) => s + x.records, 0)).toBe(report.total.records);
    expect(report.byDay.at(-1)?.key).toBe(new Date().toISOString().slice(0, 10));
    expect((report as { results?: unknown }).results).toEqual({ records: 2, dossiers: 1 });
    const refused = await commit(supervisor.token, { record: descriptor(bytes, 'P/2') });
    expect(refused.status).toBe(403);
  });
});

import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CredentialRepository } from '../../src/hub/credential-repository';
import type { RecordDescriptor } from '../../src/shared/sync-protocol';
import { rfc3161DigestTimestamper } from '../../src/core/record/timestamp-client';
import { addDocumentTimestamp } from '../../src/core/record/timestamp-pdf';
import { appendBlankPageIncrementally } from '../record/support/append-page';
import { FORGED_DOSSIER, makeForgeries, type Forgeries } from '../record/support/forgeries';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { startTestTsa } from '../record/support/test-tsa';
import { runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { spawnHub, type HubProcess } from './support/hub-harness';
import { enrollAtHub } from './support/enroll';
import { startPostgres, type TestPostgres } from './support/postgres';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const header = (record: unknown) => Buffer.from(JSON.stringify(record)).toString('base64url');

let postgres: TestPostgres;
let hub: HubProcess;
let pool: pg.Pool;
let dbUrl: string;
let pki: TestPki;
let f: Forgeries;
let token: string;
const blobs = tempDir('sohoa-hub-trust-');

function descriptor(bytes: Uint8Array, documentKey: string): RecordDescriptor {
  return {
    documentKey,
    version: 1,
    sha256: sha(bytes),
    size: bytes.length,
    dossierCode: FORGED_DOSSIER,
    procedureCode: null,
    agencyCode: null,
    year: 2021,
    status: 'digitized',
    signedAt: null,
  };
}

async function send(bytes: Uint8Array, documentKey: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const record = descriptor(bytes, documentKey);
  const r = await fetch(`${hub.url}/records/${record.sha256}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'sohoa-record': header(record) },
    body: Buffer.from(bytes),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const rowCount = async () => Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
const storedBlobs = () => readdirSync(blobs.path, { recursive: true }).filter((name) => /[0-9a-f]{64}$/.test(String(name))).length;

beforeAll(async () => {
  postgres = await startPostgres();
  dbUrl = await postgres.createDatabase('hub_trust');
  pool = new pg.Pool({ connectionString: dbUrl });
  pki = createTestPki();
  f = await makeForgeries(pki);
  // As an operator runs it: the CLI hub with its worker pool, trusting the test CA only.
  hub = await spawnHub(dbUrl, blobs.path, 0, ['--verifier', 'pades', '--trust', pki.caCert]);
  ({ token } = await enrollAtHub(hub.url, await new CredentialRepository(pool).issueCode()));
}, 180_000);

afterAll(async () => {
  await hub?.kill();
  await pool?.end();
  postgres?.stop();
  f?.cleanup();
  pki?.cleanup();
  blobs.remove();
});

describe('the hub applies the trust and change rules before it stores anything', () => {
  it('refuses the forged page signed by a self-signed or an unrelated-CA certificate, and by the trusted signer, storing nothing', async () => {
    const before = { rows: await rowCount(), blobs: storedBlobs() };
    for (const [key, bytes] of [
      ['F/1', f.forgedSelfSigned],
      ['F/2', f.forgedOtherCa],
      ['F/3', f.forgedTrusted],
    ] as const) {
      const r = await send(bytes, key);
      expect([key, r.status, r.body.code]).toEqual([key, 422, 'sync.signature-invalid']);
      expect(JSON.stringify(r.body)).toContain('record.modified-after-signing');
    }
    const untrusted = await send(f.selfSignedOnly, 'S/1');
    expect([untrusted.status, untrusted.body.code]).toEqual([422, 'sync.signature-invalid']);
    expect(JSON.stringify(untrusted.body)).toContain('record.signer-untrusted');
    expect(await rowCount()).toBe(before.rows);
    expect(storedBlobs()).toBe(before.blobs);
  });

  it('gives a receipt for the record signed by a certificate chaining to its anchor', async () => {
    const r = await send(f.original, 'G/1');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ documentKey: 'G/1', sha256: sha(f.original), duplicate: false });
  });

  it('accepts a signed record with a document timestamp added after, and refuses one with a page added after the timestamp', async () => {
    const tsa = await startTestTsa(pki);
    try {
      const stamped = await addDocumentTimestamp(f.original, { timestamper: rfc3161DigestTimestamper({ url: tsa.url }) });
      const accepted = await send(stamped, 'T/1');
      expect([accepted.status, accepted.body.duplicate]).toEqual([200, false]);
      const before = await rowCount();
      const changed = await send(await appendBlankPageIncrementally(stamped), 'T/2');
      expect([changed.status, changed.body.code]).toEqual([422, 'sync.signature-invalid']);
      expect(JSON.stringify(changed.body)).toContain('record.modified-after-signing');
      expect(await rowCount()).toBe(before);
    } finally {
      await tsa.close();
    }
  });

  it('will not start the PAdES verifier without a trust anchor', () => {
    const r = runSohoa(['hub', '--db', dbUrl, '--blobs', blobs.path, '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--trust FILE|DIR is required');
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { Engine } from '../../src/core/engine';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { encodeBatch } from '../../src/shared/batch-body';
import type { HandBackSummary, RecordDescriptor } from '../../src/shared/sync-protocol';
import { aggregateDifferences, describeAggregateDifference } from '../../src/hub/progress-aggregate-check';
import { tempDir } from '../support/temp-dir';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { seedRecords } from '../sync/support/workstation';
import { foldPendingFigures } from '../../src/hub/progress-figure-fold';
import { enrollAtHub } from './support/enroll';
import type { TestHub } from './support/hub-harness';
import { startHubOnPostgres, type HubOnPostgres } from './support/hub-on-postgres';
import { LATE_HAND_BACK } from './support/hand-backs';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let served: HubOnPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
let token: string;
const blobs = tempDir('sohoa-hub-ingest-paths-');
const ws = tempDir('sohoa-ws-ingest-paths-');

const late = LATE_HAND_BACK;

/** A signed record of dossier `dossierCode` and what the workstation declares for it; a result carries its hand-back. */
async function signedRecord(dossierCode: string, handBack?: HandBackSummary): Promise<{ record: RecordDescriptor; bytes: Uint8Array }> {
  const bytes = await factory.signed(`record ${dossierCode}`, 0, { dossierCode, procedureCode: '1.001', agencyCode: 'H12' });
  return { bytes, record: declared(bytes, `${dossierCode}/1`, handBack) };
}

const declared = (bytes: Uint8Array, documentKey: string, handBack?: HandBackSummary): RecordDescriptor => ({
  documentKey,
  version: 1,
  sha256: sha(bytes),
  size: bytes.length,
  dossierCode: documentKey.split('/')[0]!,
  procedureCode: '1.001',
  agencyCode: 'H12',
  year: 2026,
  status: handBack ? 'returned' : 'digitized',
  signedAt: null,
  isResult: handBack !== undefined,
  ...(handBack ? { handBack } : {}),
});

const authorized = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

async function ok(response: Promise<Response>): Promise<unknown> {
  const r = await response;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(200);
  return body;
}

const putRecord = ({ record, bytes }: { record: RecordDescriptor; bytes: Uint8Array }) =>
  ok(
    fetch(`${hub.url}/records/${record.sha256}`, {
      method: 'PUT',
      headers: authorized({
        'content-type': 'application/pdf',
        'sohoa-record': Buffer.from(JSON.stringify(record)).toString('base64url'),
      }),
      body: Buffer.from(bytes),
    }),
  );

const commit = (body: unknown) =>
  ok(
    fetch(`${hub.url}/records/commit`, {
      method: 'POST',
      headers: authorized({ 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    }),
  );

function tusUpload(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const u = new tus.Upload(Buffer.from(bytes), {
      endpoint: `${hub.url}/files`,
      headers: authorized(),
      metadata: { sha256: sha(bytes) },
      uploadSize: bytes.length,
      retryDelays: null,
      onSuccess: () => resolve(u.url!.split('/').pop()!),
      onError: reject,
    });
    u.start();
  });
}

/** The figures the hub keeps, as /progress serves them, beside what a recount finds different (nothing, if kept right). */
async function figures() {
  const progress = (await (await fetch(`${hub.url}/progress`, { headers: { authorization: `Bearer ${supervisorToken}` } })).json()) as {
    total: { records: number };
    results: { records: number; dossiers: number };
    handBacks: { total: number; late: number; onTime: number; withReason: number };
  };
  return {
    records: progress.total.records,
    results: progress.results.records,
    resultDossiers: progress.results.dossiers,
    handBacks: progress.handBacks,
    differences: (await aggregateDifferences(pool)).map(describeAggregateDifference),
  };
}

let supervisorToken: string;

const enroll = async (role: 'workstation' | 'supervisor') =>
  (await enrollAtHub(hub.url, await hub.hub.credentials.issueCode(role), 'một cửa')).token;

beforeAll(async () => {
  served = await startHubOnPostgres('hub_ingest_paths', blobs.path);
  ({ hub, pool } = served);
  factory = await recordFactory();
  token = await enroll('workstation');
  supervisorToken = await enroll('supervisor');
}, 60_000);

afterAll(async () => {
  await served?.close();
  factory?.cleanup();
  blobs.remove();
  ws.remove();
});

describe('the province figures after ingest through each of the hub’s ways in', () => {
  it('direct upload, batch, tus, commit by hash, a repeat bringing a new hand-back, and a bag each move the figures by what they stored, equal to a recount', async () => {
    const none = { total: 0, late: 0, onTime: 0, withReason: 0 };
    expect(await figures()).toEqual({ records: 0, results: 0, resultDossiers: 0, handBacks: none, differences: [] });

    // Direct upload (PUT /records/<sha256>) of a result that was handed back late.
    const direct = await signedRecord('KQ-1', late);
    await putRecord(direct);
    const one = { total: 1, late: 1, onTime: 0, withReason: 1 };
    expect(await figures()).toEqual({ records: 1, results: 1, resultDossiers: 1, handBacks: one, differences: [] });

    // A batch (POST /records/batch): a record and a second result, on time.
    const onTime = { ...late, dueDate: '2026-12-10', onTime: true, workingDaysLate: 0, lateReason: null };
    const batch = [await signedRecord('HS-2'), await signedRecord('KQ-2', onTime)];
    await ok(
      fetch(`${hub.url}/records/batch`, {
        method: 'POST',
        headers: authorized({ 'content-type': 'application/vnd.sohoa.records' }),
        body: Buffer.concat(encodeBatch(batch)),
      }),
    );
    const two = { total: 2, late: 1, onTime: 1, withReason: 1 };
    expect(await figures()).toEqual({ records: 3, results: 2, resultDossiers: 2, handBacks: two, differences: [] });

    // A tus upload, then its commit (POST /records/commit with the upload's id).
    const uploaded = await signedRecord('HS-3');
    await commit({ record: uploaded.record, uploadId: await tusUpload(uploaded.bytes) });
    expect(await figures()).toEqual({ records: 4, results: 2, resultDossiers: 2, handBacks: two, differences: [] });

    // Commit by hash: the same bytes, already sent by this workstation, as another version of that document.
    await commit({ record: { ...uploaded.record, version: 2 } });
    expect(await figures()).toEqual({ records: 5, results: 2, resultDossiers: 2, handBacks: two, differences: [] });

    // The first result sent again, now saying it was on time: nothing new stored, the hand-back replaced and counted once.
    await putRecord({ ...direct, record: { ...direct.record, handBack: onTime } });
    await commit({ record: { ...direct.record, handBack: onTime } });
    const replaced = { total: 2, late: 0, onTime: 2, withReason: 0 };
    expect(await figures()).toEqual({ records: 5, results: 2, resultDossiers: 2, handBacks: replaced, differences: [] });
    // Folded, the cell the replaced hand-back counted in is gone, not kept at nothing.
    await foldPendingFigures(pool);
    expect(await figures()).toEqual({ records: 5, results: 2, resultDossiers: 2, handBacks: replaced, differences: [] });
    expect(
      (await pool.query(`SELECT count(*)::int AS n FROM progress_aggregate WHERE dimension = 'hand-backs' AND records = 0`)).rows[0].n,
    ).toBe(0);

    // A zipped bag a workstation exported (POST /bags), as the hub ingests a bag from a USB disk.
    const engine = Engine.open({ dataDir: ws.path });
    try {
      const sync = new WorkstationSync(engine);
      const desk = await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'bàn không mạng');
      await seedRecords(engine, factory, 3);
      const zip = join(ws.path, 'transfer.zip');
      await sync.exportBag(zip);
      const bag = (await ok(
        fetch(`${hub.url}/bags`, {
          method: 'POST',
          headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/zip' },
          body: readFileSync(zip),
        }),
      )) as { accepted: unknown[]; rejected: unknown[] };
      expect(bag).toMatchObject({ rejected: [] });
      expect(bag.accepted).toHaveLength(3);
    } finally {
      await engine.close();
    }
    expect(await figures()).toEqual({ records: 8, results: 2, resultDossiers: 2, handBacks: replaced, differences: [] });
  }, 180_000);
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { encodeBatch } from '../../src/shared/batch-body';
import type { BatchResponse, RecordDescriptor } from '../../src/shared/sync-protocol';
import { aggregateDifferences } from '../../src/hub/progress-aggregate-check';
import { tempDir } from '../support/temp-dir';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import type { TestHub } from './support/hub-harness';
import { LATE_HAND_BACK } from './support/hand-backs';
import { startHubOnPostgres, type HubOnPostgres } from './support/hub-on-postgres';
import { enrollAtHub } from './support/enroll';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let served: HubOnPostgres;
let hub: TestHub;
let factory: RecordFactory;
let pool: pg.Pool;
let token: string;
const blobs = tempDir('sohoa-hub-hand-back-tx-');

/** A signed result record of dossier `dossierCode`, handed back late with a reason, and what the workstation declares for it. */
async function handedBackResult(dossierCode: string): Promise<{ record: RecordDescriptor; bytes: Uint8Array }> {
  const documentKey = `${dossierCode}/result`;
  const bytes = await factory.signed(`result ${dossierCode}`, 0, { dossierCode, procedureCode: '1.001', agencyCode: 'H12' });
  return {
    bytes,
    record: {
      documentKey,
      version: 1,
      sha256: sha(bytes),
      size: bytes.length,
      dossierCode,
      procedureCode: '1.001',
      agencyCode: 'H12',
      year: 2026,
      status: 'returned',
      signedAt: null,
      isResult: true,
      handBack: LATE_HAND_BACK,
    },
  };
}

const putRecord = ({ record, bytes }: { record: RecordDescriptor; bytes: Uint8Array }) =>
  fetch(`${hub.url}/records/${record.sha256}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/pdf',
      'sohoa-record': Buffer.from(JSON.stringify(record)).toString('base64url'),
    },
    body: Buffer.from(bytes),
  });

const postBatch = (items: { record: RecordDescriptor; bytes: Uint8Array }[]) =>
  fetch(`${hub.url}/records/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.sohoa.records' },
    body: Buffer.concat(encodeBatch(items)),
  });

/** Everything the province figures are made of and kept in: the records, the hand-backs, the figures (kept and pending). */
async function snapshot() {
  const rows = async (sql: string) => (await pool.query(sql)).rows;
  return {
    records: await rows('SELECT workstation_id, document_key, version, sha256 FROM record ORDER BY 1, 2, 3'),
    handBacks: await rows('SELECT workstation_id, dossier_code, on_time, late_reason FROM hand_back ORDER BY 1, 2'),
    aggregate: await rows('SELECT workstation_id, dimension, key, records, bytes FROM progress_figure ORDER BY 1, 2, 3'),
    resultDossiers: await rows('SELECT workstation_id, dossier_code, records FROM progress_result_dossier_figure ORDER BY 1, 2'),
  };
}

const kept = async (dimension: string, key: string | null) =>
  Number(
    (
      await pool.query<{ n: string | null }>(
        'SELECT sum(records) AS n FROM progress_figure WHERE dimension = $1 AND key IS NOT DISTINCT FROM $2',
        [dimension, key],
      )
    ).rows[0]!.n ?? 0,
  );

beforeAll(async () => {
  served = await startHubOnPostgres('hub_hand_back_tx', blobs.path);
  ({ hub, pool } = served);
  factory = await recordFactory();
  ({ token } = await enrollAtHub(hub.url, await hub.hub.credentials.issueCode(), 'một cửa'));
}, 60_000);

afterAll(async () => {
  await served?.close();
  factory?.cleanup();
  blobs.remove();
});

describe('a result record and the hand-back it carries are committed in one transaction at the hub', () => {
  it('a hand-back that cannot be written leaves neither the record nor any figure changed; the retry counts both once', async () => {
    const single = await handedBackResult('KQ-1');
    const batch = [await handedBackResult('KQ-2'), await handedBackResult('KQ-3')];
    // Something the hub's own checks let through fails the hand-back's write: its row violates a constraint.
    await pool.query(`ALTER TABLE hand_back ADD CONSTRAINT refused_in_test CHECK (dossier_code NOT IN ('KQ-1', 'KQ-3'))`);
    const before = await snapshot();

    const failed = await putRecord(single);
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { code: string }).code).toBe('hub.internal');
    const failedBatch = await postBatch(batch);
    expect(failedBatch.status).toBe(500);
    expect(await snapshot()).toEqual(before);

    await pool.query('ALTER TABLE hand_back DROP CONSTRAINT refused_in_test');
    const retried = await putRecord(single);
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { duplicate: boolean }).duplicate).toBe(false);
    const retriedBatch = await postBatch(batch);
    expect(retriedBatch.status).toBe(200);
    const results = ((await retriedBatch.json()) as BatchResponse).results;
    expect(results.map((r) => ('receipt' in r ? r.receipt.duplicate : r))).toEqual([false, false]);
    // Sent once more (a workstation that missed the answer): accepted as the same versions, counted once.
    expect((await putRecord(single)).status).toBe(200);
    expect((await postBatch(batch)).status).toBe(200);

    const after = await snapshot();
    expect(after.records.map((r: { document_key: string }) => r.document_key)).toEqual(['KQ-1/result', 'KQ-2/result', 'KQ-3/result']);
    expect(after.handBacks.map((h: { dossier_code: string }) => h.dossier_code)).toEqual(['KQ-1', 'KQ-2', 'KQ-3']);
    expect(await kept('total', null)).toBe(3);
    expect(await kept('results', null)).toBe(3);
    expect(await kept('result-dossiers', null)).toBe(3);
    expect(await kept('hand-backs', 'total')).toBe(3);
    expect(await kept('hand-backs', 'late-with-reason')).toBe(3);
    expect(await aggregateDifferences(pool)).toEqual([]);
  }, 120_000);

  it('a hand-back whose dates are not dates is refused as a bad request, with nothing stored', async () => {
    const before = await snapshot();
    const bad: [string, Partial<NonNullable<RecordDescriptor['handBack']>>][] = [
      ['KQ-4', { returnedAt: 'hôm qua' }],
      ['KQ-5', { returnedAt: '2026-13-45T09:00:00.000Z' }],
      ['KQ-6', { dueDate: '30/11/2026' }],
      ['KQ-7', { deadline: '2026-02-30' }],
    ];
    for (const [dossierCode, change] of bad) {
      const item = await handedBackResult(dossierCode);
      item.record.handBack = { ...item.record.handBack!, ...change };
      const r = await putRecord(item);
      expect({ dossierCode, status: r.status }).toEqual({ dossierCode, status: 400 });
      expect(((await r.json()) as { code: string }).code).not.toBe('hub.internal');
    }
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});

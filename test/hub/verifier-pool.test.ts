import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PadesRecordVerifier } from '../../src/hub/pades-record-verifier';
import { PooledPadesVerifier } from '../../src/hub/verifier-pool';
import { testTrustAnchors } from '../record/support/test-pki';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';

let factory: RecordFactory;
const pool = new PooledPadesVerifier(testTrustAnchors(), 2);

beforeAll(async () => {
  factory = await recordFactory();
}, 60_000);

afterAll(async () => {
  await pool.close();
  factory?.cleanup();
});

describe('PAdES verification in worker threads', () => {
  it('gives each record, sent at once, the verdict the in-thread verifier gives it', async () => {
    const good = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((l) => factory.signed(`pool ${l}`)));
    const tampered = Buffer.from(good[0]!);
    tampered[700]! ^= 0x20; // inside the signed byte range
    const inputs = [...good, tampered, await factory.unsigned('pool U'), Buffer.from('not a PDF at all')];
    const pooled = await Promise.all(inputs.map((b) => pool.verify(b)));
    const direct = new PadesRecordVerifier(testTrustAnchors());
    const expected = await Promise.all(inputs.map((b) => direct.verify(b)));
    expect(pooled.map((v) => v.ok)).toEqual([true, true, true, true, true, false, false, false]);
    expect(pooled.map((v) => (v.ok ? 'ok' : v.reason))).toEqual(expected.map((v) => (v.ok ? 'ok' : v.reason)));
    expect(pooled.slice(5).map((v) => (v.ok ? 'ok' : v.reason))).toEqual(['signature-invalid', 'unsigned', 'not-pdf']);
  });

  it('refuses work once closed, with an error rather than a hang', async () => {
    const closing = new PooledPadesVerifier(testTrustAnchors(), 1);
    expect((await closing.verify(await factory.signed('before close'))).ok).toBe(true);
    await closing.close();
    await expect(closing.verify(Buffer.from('%PDF-1.7'))).rejects.toThrow(/closed/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { CASES_PER_PARSER, finish, FUZZ_SEED, newOutcome, noteRejection, summary, withinLimit } from './fuzz-support';
import { mutate, prng, type Mutation } from './mutate';

const MUTATIONS: Mutation[] = ['truncate', 'flip', 'splice', 'zero-run'];

/** The byte range a signature leaves out (its /Contents hex string), as [start, end). */
function signatureGap(bytes: Uint8Array): [number, number] {
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(Buffer.from(bytes).toString('latin1'))!;
  return [Number(m[2]), Number(m[3])];
}

/** Whether `mutant` differs from `original` anywhere but inside the signature's own /Contents (which no signature covers). */
function changedOutsideGap(original: Uint8Array, mutant: Buffer, [from, to]: [number, number]): boolean {
  if (mutant.length !== original.length) return true;
  for (let i = 0; i < original.length; i++) if (mutant[i] !== original[i] && (i < from || i >= to)) return true;
  return false;
}

describe('hostile input: mutated signed records fed to the verifier', () => {
  let factory: RecordFactory;
  let signed: Buffer[];
  beforeAll(async () => {
    factory = await recordFactory();
    signed = [Buffer.from(await factory.signed('Ho so HS-001')), Buffer.from(await factory.signed('Ho so HS-002', 300))];
  });
  afterAll(() => factory?.cleanup());

  it(`${CASES_PER_PARSER} mutants of a signed record: none verified intact once changed, each refused with a code`, async () => {
    const original = await verifyPdf(signed[0]!, { trustAnchors: factory.trustAnchors, fetchCrl: false });
    expect(original.intact).toBe(true);
    const random = prng(FUZZ_SEED + 5);
    const o = newOutcome('signed record');
    for (let i = 0; i < CASES_PER_PARSER; i++) {
      const kind = MUTATIONS[i % MUTATIONS.length]!;
      const base = signed[i % 2]!;
      const bytes = mutate(base, signed[(i + 1) % 2]!, random, kind);
      const what = `record case ${i} (${kind})`;
      o.cases++;
      try {
        const report = await withinLimit(verifyPdf(bytes, { trustAnchors: factory.trustAnchors, fetchCrl: false }), what);
        if (!report.intact) o.rejected.set(report.code ?? 'none', (o.rejected.get(report.code ?? 'none') ?? 0) + 1);
        else if (changedOutsideGap(base, bytes, signatureGap(base))) o.findings.push(`false "valid": ${what} verified intact`);
        else o.accepted++;
      } catch (e) {
        noteRejection(o, e, what);
      }
    }
    console.log(summary(finish(o)));
    expect(o.findings, summary(o)).toEqual([]);
    expect(o.rejected.get('record.signature-invalid') ?? 0).toBeGreaterThan(0);
    expect(o.rejected.get('record.damaged') ?? 0).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { computeIndicators } from '../../src/core/stats/indicators';
import { runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';

/** What each generated dossier holds; the expected figures are counted from this list, not from the store. */
interface Plan {
  received: string;
  docs: { signed: boolean; result?: boolean; reused?: boolean; pages: { state: 'read' | 'failed'; flags: string[]; confidence: number }[] }[];
  outbox?: 'waiting' | 'acknowledged' | 'rejected';
}

const plans: Plan[] = [
  { received: '2021-01-04', docs: [{ signed: true, pages: [{ state: 'read', flags: [], confidence: 90 }] }], outbox: 'acknowledged' },
  { received: '2021-01-05', docs: [{ signed: true, pages: [{ state: 'read', flags: ['low-dpi'], confidence: 70 }] }, { signed: true, result: true, pages: [{ state: 'read', flags: [], confidence: 80 }] }], outbox: 'waiting' },
  { received: '2021-02-01', docs: [{ signed: true, pages: [] }, { signed: false, pages: [{ state: 'failed', flags: [], confidence: 0 }] }] },
  { received: '2021-02-02', docs: [{ signed: true, reused: true, pages: [{ state: 'read', flags: ['blurred'], confidence: 60 }] }], outbox: 'rejected' },
  { received: '2021-03-01', docs: [] },
];

function expected(subset: Plan[]) {
  const digitized = subset.filter((p) => p.docs.some((d) => !d.result) && p.docs.filter((d) => !d.result).every((d) => d.signed)).length;
  const pages = subset.flatMap((p) => p.docs.flatMap((d) => d.pages));
  const read = pages.filter((p) => p.state === 'read');
  return {
    received: subset.length,
    fullyDigitized: digitized,
    resultsDigitized: subset.filter((p) => p.docs.some((d) => d.result && d.signed)).length,
    reused: subset.filter((p) => p.docs.some((d) => d.reused)).length,
    pages: pages.length,
    failed: pages.filter((p) => p.state === 'failed').length,
    flagged: pages.filter((p) => p.flags.length > 0).length,
    meanConfidence: read.reduce((s, p) => s + p.confidence, 0) / read.length,
  };
}

describe('supervisor indicators', () => {
  const dir = tempDir();
  let engine: Engine;

  beforeAll(async () => {
    engine = Engine.open({ dataDir: dir.path });
    const { store } = engine;
    let firstDocument: number | null = null;
    for (const [i, plan] of plans.entries()) {
      const d = await engine.handlers['dossier.create']({ procedureCode: 'MAU-HT-01', applicantName: `Người nộp ${i}`, applicantCccd: '074093513649', receivedDate: plan.received });
      for (const doc of plan.docs) {
        const docId = store.pages.createDocument(d.id, null, null);
        firstDocument ??= docId;
        store.db.prepare('UPDATE document SET is_result = ?, reused_from = ? WHERE id = ?').run(doc.result ? 1 : 0, doc.reused ? firstDocument : null, docId);
        for (const [k, page] of doc.pages.entries()) {
          const pageId = store.pages.addPage(docId, store.blobs.put(Buffer.from(`${i}-${docId}-${k}`)), null).id;
          store.db.prepare('UPDATE page SET state = ?, flags = ?, ocr_confidence = ? WHERE id = ?').run(page.state, JSON.stringify(page.flags), page.confidence, pageId);
        }
        const rec = store.records.addVersion(docId, store.blobs.put(Buffer.from(`pdf ${docId}`)), doc.signed ? { signer: 'CN=Test', signedAt: '2021-03-01T00:00:00Z' } : null);
        if (plan.outbox && doc.signed && !doc.result) {
          store.records.enqueueForSync(rec.id);
          store.db.prepare('UPDATE outbox_item SET state = ? WHERE record_id = ?').run(plan.outbox, rec.id);
        }
      }
    }
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('match counts made independently from what was put in', () => {
    const e = expected(plans);
    const got = computeIndicators(engine.store.db);
    expect(got.empty).toBe(false);
    expect(got.intake.received).toBe(e.received);
    expect(got.intake.fullyDigitized).toEqual({ count: e.fullyDigitized, of: e.received, rate: e.fullyDigitized / e.received });
    expect(got.intake.resultsDigitized.count).toBe(e.resultsDigitized);
    expect(got.intake.reused.count).toBe(e.reused);
    expect(got.quality.pages).toBe(e.pages);
    expect(got.quality.failed.count).toBe(e.failed);
    expect(got.quality.flagged.count).toBe(e.flagged);
    expect(got.quality.meanConfidence).toBeCloseTo(e.meanConfidence, 6);
    expect(got.sync).toMatchObject({
      waiting: plans.filter((p) => p.outbox === 'waiting').length,
      acknowledged: plans.filter((p) => p.outbox === 'acknowledged').length,
      rejected: plans.filter((p) => p.outbox === 'rejected').length,
    });
    expect(got.sync.oldestWaitingHours).not.toBeNull();
  });

  it('follow a date range', () => {
    const february = plans.filter((p) => p.received >= '2021-02-01' && p.received <= '2021-02-28');
    const got = computeIndicators(engine.store.db, { from: '2021-02-01', to: '2021-02-28' });
    const e = expected(february);
    expect(got.intake.received).toBe(e.received);
    expect(got.intake.fullyDigitized.count).toBe(e.fullyDigitized);
    expect(got.quality.pages).toBe(e.pages);
  });

  it('say plainly when there is nothing to count, and refuse a backwards range', () => {
    const none = computeIndicators(engine.store.db, { from: '2030-01-01', to: '2030-12-31' });
    expect(none.empty).toBe(true);
    expect(none.intake.fullyDigitized.rate).toBeNull();
    expect(() => computeIndicators(engine.store.db, { from: '2021-03-01', to: '2021-01-01' })).toThrow(/ends .* before it starts/);
  });

  it('are printed by sohoa status --json', () => {
    const r = runSohoa(['status', '--json', '--data-dir', dir.path, '--from', '2021-01-01', '--to', '2021-01-31']);
    expect(r.code, r.stderr).toBe(0);
    const january = plans.filter((p) => p.received.startsWith('2021-01'));
    expect(JSON.parse(r.stdout).indicators.intake.received).toBe(january.length);
    const bad = runSohoa(['status', '--data-dir', dir.path, '--from', '2021-03-01', '--to', '2021-01-01']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/before it starts/);
  });
});

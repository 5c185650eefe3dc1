import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/core/sync/backoff';
import { SyncScheduler } from '../../src/core/sync/sync-scheduler';
import { StructuralPdfVerifier } from '../../src/hub/structural-pdf-verifier';

describe('backoff', () => {
  it('doubles up to the ceiling, with jitter in the upper half', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    for (const attempt of [1, 2, 3, 4, 5, 6]) {
      const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, policy, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, policy, () => 1)).toBe(ceiling);
    }
  });
});

describe('sync scheduler', () => {
  it('never runs twice at once: triggers during a run ask for exactly one more run', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const scheduler = new SyncScheduler(async () => {
      runs++;
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((r) => (release = r));
      running--;
    }, 3_600_000);
    const first = scheduler.trigger();
    await new Promise((r) => setImmediate(r));
    void scheduler.networkBack();
    void scheduler.trigger();
    release();
    await new Promise((r) => setImmediate(r));
    release();
    await first;
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
    await scheduler.stop();
  });
});

describe('structural PDF verifier', () => {
  const verifier = new StructuralPdfVerifier();
  const pdf = (body: string) => new TextEncoder().encode(`%PDF-1.7\n${body}\n%%EOF\n`);

  it('tells a non-PDF, an unsigned PDF, a misfit /ByteRange and a fitting one apart', async () => {
    expect(await verifier.verify(new TextEncoder().encode('hello'))).toMatchObject({ ok: false, reason: 'not-pdf' });
    expect(await verifier.verify(pdf('1 0 obj << >> endobj'))).toMatchObject({ ok: false, reason: 'unsigned' });
    expect(await verifier.verify(pdf('<< /ByteRange [0 10 20 999999] >>'))).toMatchObject({ ok: false, reason: 'signature-invalid' });
    const fit = pdf('<< /ByteRange [0 10 20 5] >>');
    expect(await verifier.verify(fit)).toEqual({ ok: true });
  });
});

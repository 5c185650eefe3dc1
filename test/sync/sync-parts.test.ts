import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/core/sync/backoff';
import { nextSyncRun, parseSyncWindow, RETRY_BASE_MS } from '../../src/core/sync/sync-plan';
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

describe('sync schedule', () => {
  const at = (h: number, m = 0) => new Date(2026, 10, 23, h, m, 0, 0);
  const hour = 3600_000;

  it('reads a night window and refuses anything else', () => {
    expect(parseSyncWindow('22:00-06:00')).toEqual({ startMinute: 22 * 60, endMinute: 6 * 60 });
    expect(parseSyncWindow('7:30 - 9:00')).toEqual({ startMinute: 7 * 60 + 30, endMinute: 9 * 60 });
    for (const bad of ['', '25:00-06:00', '22:00', '10:00-10:00', 'đêm']) expect(parseSyncWindow(bad)).toBeNull();
  });

  it('runs one interval later, and sooner with growing backoff after failures', () => {
    const plan = { intervalMs: hour, window: null };
    expect(nextSyncRun(at(10), plan, 0).getTime() - at(10).getTime()).toBe(hour);
    const delays = [1, 2, 3].map((failures) => nextSyncRun(at(10), plan, failures, () => 1).getTime() - at(10).getTime());
    expect(delays).toEqual([RETRY_BASE_MS, 2 * RETRY_BASE_MS, 4 * RETRY_BASE_MS]);
    expect(nextSyncRun(at(10), plan, 30, () => 1).getTime() - at(10).getTime()).toBe(hour);
  });

  it('keeps scheduled runs inside the night window, across midnight', () => {
    const plan = { intervalMs: 15 * 60_000, window: parseSyncWindow('22:00-06:00') };
    expect(nextSyncRun(at(14), plan, 0)).toEqual(at(22));
    expect(nextSyncRun(at(23), plan, 0)).toEqual(at(23, 15));
    const early = new Date(2026, 10, 24, 2, 0);
    expect(nextSyncRun(early, plan, 0)).toEqual(new Date(2026, 10, 24, 2, 15));
    expect(nextSyncRun(new Date(2026, 10, 24, 5, 50), plan, 0)).toEqual(new Date(2026, 10, 24, 22, 0));
  });
});

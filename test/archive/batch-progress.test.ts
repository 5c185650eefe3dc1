import { describe, expect, it } from 'vitest';
import { BatchProgress, formatDuration } from '../../src/shared/batch-progress';

describe('batch progress', () => {
  it('gives pages per minute since the run started and the time left at that rate', () => {
    const start = 1_000_000;
    const p = new BatchProgress(4, start);
    expect(p.line(4, 40, start)).toBe('pages 4/40 · — pages/min · time left —');
    // 6 more pages in 2 minutes: 3 pages/min; 30 left → 10 minutes.
    expect(p.measure(10, 40, start + 120_000)).toEqual({ done: 10, total: 40, perMinute: 3, secondsLeft: 600 });
    expect(p.line(10, 40, start + 120_000)).toBe('pages 10/40 · 3.0 pages/min · 10m 0s left');
  });

  it('writes durations as a person reads them', () => {
    expect([45, 125, 7260].map(formatDuration)).toEqual(['45s', '2m 5s', '2h 1m']);
  });
});

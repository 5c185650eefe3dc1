import { setTimeout as sleep } from 'node:timers/promises';

/** Paces bytes to at most `bytesPerSecond`, shared by every upload of one sync run. */
export class BandwidthLimiter {
  private availableAt = 0;

  constructor(readonly bytesPerSecond: number) {
    if (!(bytesPerSecond > 0)) throw new RangeError('bytesPerSecond must be positive');
  }

  async take(bytes: number): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.availableAt);
    this.availableAt = start + (bytes * 1000) / this.bytesPerSecond;
    if (start > now) await sleep(start - now);
  }
}

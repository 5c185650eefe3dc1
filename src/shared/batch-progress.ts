/** Pages done against the total, the rate since this run started, and the time left at that rate. */
export class BatchProgress {
  private readonly startedAt: number;
  private readonly doneAtStart: number;

  constructor(doneAtStart: number, now = Date.now()) {
    this.startedAt = now;
    this.doneAtStart = doneAtStart;
  }

  measure(
    done: number,
    total: number,
    now = Date.now(),
  ): { done: number; total: number; perMinute: number | null; secondsLeft: number | null } {
    const minutes = (now - this.startedAt) / 60_000;
    const gained = done - this.doneAtStart;
    const perMinute = minutes > 0 && gained > 0 ? gained / minutes : null;
    const secondsLeft = perMinute ? Math.round(((total - done) / perMinute) * 60) : null;
    return { done, total, perMinute, secondsLeft };
  }

  line(done: number, total: number, now = Date.now(), unit = 'pages'): string {
    const m = this.measure(done, total, now);
    const rate = m.perMinute === null ? `— ${unit}/min` : `${m.perMinute.toFixed(1)} ${unit}/min`;
    const left = m.secondsLeft === null ? 'time left —' : `${formatDuration(m.secondsLeft)} left`;
    return `${unit} ${done}/${total} · ${rate} · ${left}`;
  }
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
}

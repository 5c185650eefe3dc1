export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so workstations spread out. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

import { CodedError } from '../../src/shared/errors';

/** The same seed gives the same cases, so a failure can be replayed (`SOHOA_FUZZ_SEED=N npx vitest run FILE`). */
export const FUZZ_SEED = Number(process.env.SOHOA_FUZZ_SEED ?? 20261123);
/** SOHOA_FUZZ_SCALE multiplies every count for the longer run (`npm run bench -- fuzz`). */
const SCALE = Number(process.env.SOHOA_FUZZ_SCALE ?? 1);
/** Mutated inputs per parser in `npm test`. */
export const CASES_PER_PARSER = Math.round(2000 * SCALE);
/** A case slower than this is a hang, not a slow machine: each input is a few kilobytes. */
export const HANG_MS = 30_000;

/**
 * A rejection whose reason reads like a slip in the code rather than a fault of the file: an
 * exception caught and given a code without anyone having thought of the case.
 */
const PROGRAMMING_SLIP =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|Maximum call stack|Invalid array length|undefined is not|null is not/;

/** Codes that only say "something unforeseen happened": an input reaching one is a finding, not a refusal. */
const CATCH_ALL_CODES = new Set(['import.failed', 'engine.internal']);

/** What one parser made of its mutated inputs: what it took, what it refused by code, and every finding. */
export interface FuzzOutcome {
  name: string;
  cases: number;
  accepted: number;
  rejected: Map<string, number>;
  /** Crashes (uncoded throws), hangs, catch-all or slip-like rejections, false "valid" verdicts. */
  findings: string[];
  started: number;
  /** Set by `finish` when the last case is done. */
  ms?: number;
}

export const newOutcome = (name: string): FuzzOutcome => ({
  name,
  cases: 0,
  accepted: 0,
  rejected: new Map(),
  findings: [],
  started: Date.now(),
});

/** Counts a refusal, or a finding when the error carries no code, only a catch-all one, or a reason that reads like a bug. */
export function noteRejection(o: FuzzOutcome, error: unknown, what: string): void {
  if (!(error instanceof CodedError)) {
    o.findings.push(`uncoded: ${what}: ${error instanceof Error ? error.stack?.split('\n').slice(0, 3).join(' ') : String(error)}`);
    return;
  }
  if (CATCH_ALL_CODES.has(error.code) || PROGRAMMING_SLIP.test(error.message))
    o.findings.push(`coded only by a catch-all: ${what}: ${error.code} ${error.message.slice(0, 200)}`);
  o.rejected.set(error.code, (o.rejected.get(error.code) ?? 0) + 1);
}

/** Marks the run over, for its wall time. */
export function finish(o: FuzzOutcome): FuzzOutcome {
  o.ms ??= Date.now() - o.started;
  return o;
}

/** One line per parser: counts, refusals by code, findings and wall time. */
export function summary(o: FuzzOutcome): string {
  const seconds = ((o.ms ?? Date.now() - o.started) / 1000).toFixed(1);
  return (
    `fuzz ${o.name}: ${o.cases} cases in ${seconds} s (seed ${FUZZ_SEED}): ${o.accepted} accepted, ` +
    `rejected ${JSON.stringify(Object.fromEntries(o.rejected))}, ${o.findings.length} findings`
  );
}

/** Runs `work`, or rejects with a "hang" error once it takes longer than HANG_MS. */
export async function withinLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>(
    (_, fail) => (timer = setTimeout(() => fail(new HangError(`hang: ${what} took over ${HANG_MS} ms`)), HANG_MS)),
  );
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

export class HangError extends Error {}

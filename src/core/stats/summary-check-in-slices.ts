import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import type { SummaryDifference } from '../store/summary-check';
import { SUMMARY_TABLES } from '../store/summary-slices';
import { rebuildAndRecord } from './summary-repair';

/** How long one slice may hold the engine's thread; its width in keys follows the time the last one took. */
const SLICE_TARGET_MS = 15;
const FIRST_WIDTH = 256;

export interface SlicedCheckResult {
  differences: SummaryDifference[];
  rebuilt: boolean;
  /** How many slices the check took (each a read transaction of its own). */
  slices: number;
  /** True when the engine closed before the check had finished (nothing rebuilt then). */
  stopped: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The check the app runs at start, without holding the engine: the summaries compared with a recount
 * one key range at a time, each range in its own read transaction, the event loop free between two
 * (so the window's calls are answered while it runs). On any difference, once every range is read,
 * the summaries are rebuilt and the rebuild recorded in the audit log, in one transaction.
 */
export async function checkSummariesInSlices(
  store: Pick<Store, 'summaries' | 'transaction' | 'isOpen'>,
  audit: AuditLog,
  actor: string,
  stop: AbortSignal = new AbortController().signal,
): Promise<SlicedCheckResult> {
  const differences: SummaryDifference[] = [];
  let slices = 0;
  const stopped = () => stop.aborted || !store.isOpen();
  for (const table of SUMMARY_TABLES) {
    let width = FIRST_WIDTH;
    for (let from = store.summaries.lowestKey(table); ;) {
      await nextTurn();
      if (stopped()) return { differences, rebuilt: false, slices, stopped: true };
      if (from > store.summaries.highestKey(table)) break;
      const started = performance.now();
      differences.push(...store.summaries.sliceDifferences({ table, from, to: from + width - 1 }));
      slices++;
      from += width;
      const took = performance.now() - started;
      if (took < SLICE_TARGET_MS / 2) width *= 2;
      else if (took > SLICE_TARGET_MS * 2 && width > 1) width = Math.max(1, Math.floor(width / 2));
    }
  }
  if (differences.length === 0) return { differences, rebuilt: false, slices, stopped: false };
  await nextTurn();
  if (stopped()) return { differences, rebuilt: false, slices, stopped: true };
  rebuildAndRecord(store, audit, actor, differences);
  return { differences, rebuilt: true, slices, stopped: false };
}

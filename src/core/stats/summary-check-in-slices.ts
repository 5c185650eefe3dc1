import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import type { SummaryDifference } from '../store/summary-check';
import { GroupedTally, isGrouped, SUMMARY_TABLES, type SummarySlice } from '../store/summary-slices';
import { rebuildAndRecord } from './summary-repair';

/** How long one slice may hold the engine's thread; its width in keys follows the time the last one took. */
const SLICE_TARGET_MS = 15;
const FIRST_WIDTH = 256;

export interface SlicedCheckResult {
  differences: SummaryDifference[];
  rebuilt: boolean;
  /** How many slices the check took (each a read transaction of its own), in all and per table. */
  slices: number;
  slicesPerTable: Record<string, number>;
  /** True when the engine closed before the check had finished (nothing rebuilt then). */
  stopped: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The key ranges of one table, the event loop free before each, each as wide as the last one's time allows. */
async function* slicesOf(
  summaries: Store['summaries'],
  table: SummarySlice['table'],
  stopped: () => boolean,
): AsyncGenerator<SummarySlice | 'stopped'> {
  let width = FIRST_WIDTH;
  for (let from = summaries.lowestKey(table); ;) {
    await nextTurn();
    if (stopped()) {
      yield 'stopped';
      return;
    }
    if (from > summaries.highestKey(table)) return;
    const started = performance.now();
    const slice = { table, from, to: from + width - 1 };
    yield slice;
    from = slice.to + 1;
    const took = performance.now() - started;
    if (took < SLICE_TARGET_MS / 2) width *= 2;
    else if (took > SLICE_TARGET_MS * 2 && width > 1) width = Math.max(1, Math.floor(width / 2));
  }
}

/**
 * The check the app runs at start, without holding the engine: the summaries compared with a recount
 * one key range at a time, each range in its own read transaction, the event loop free between two
 * (so the window's calls are answered while it runs). The summaries keyed by day are summed over
 * ranges of dossiers and the sums compared with them at the end; only where they differ is such a
 * table compared whole, in one read. On any difference, once every range is read, the summaries are
 * rebuilt and the rebuild recorded in the audit log, in one transaction.
 */
export async function checkSummariesInSlices(
  store: Pick<Store, 'summaries' | 'transaction' | 'isOpen'>,
  audit: AuditLog,
  actor: string,
  stop: AbortSignal = new AbortController().signal,
): Promise<SlicedCheckResult> {
  const differences: SummaryDifference[] = [];
  const slicesPerTable: Record<string, number> = {};
  let slices = 0;
  const stopped = () => stop.aborted || !store.isOpen();
  const result = (more: Omit<SlicedCheckResult, 'differences' | 'slices' | 'slicesPerTable'>) => ({
    differences,
    slices,
    slicesPerTable,
    ...more,
  });
  for (const table of SUMMARY_TABLES) {
    const tally = isGrouped(table) ? new GroupedTally(table) : undefined;
    slicesPerTable[table] = 0;
    for await (const slice of slicesOf(store.summaries, table, stopped)) {
      if (slice === 'stopped') return result({ rebuilt: false, stopped: true });
      if (tally) tally.add(store.summaries.partialSums({ ...slice, table: tally.table }));
      else differences.push(...store.summaries.sliceDifferences(slice));
      slices++;
      slicesPerTable[table]++;
    }
    if (!tally) continue;
    await nextTurn();
    if (stopped()) return result({ rebuilt: false, stopped: true });
    // The sums span several reads: only a comparison in one read says whether the table truly differs.
    if (!tally.matches(store.summaries.keptRows(tally.table)))
      differences.push(...store.summaries.sliceDifferences({ table, from: 0, to: 0 }));
  }
  if (differences.length === 0) return result({ rebuilt: false, stopped: false });
  await nextTurn();
  if (stopped()) return result({ rebuilt: false, stopped: true });
  rebuildAndRecord(store, audit, actor, differences);
  return result({ rebuilt: true, stopped: false });
}

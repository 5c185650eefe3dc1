/** Input and result of the summaries' recount (`sohoa status --verify [--rebuild]`): see contract.ts. */
import { z } from 'zod';

/** With `rebuild`, the summaries are rebuilt on a difference and the audit log says so, as the app does at start. */
export const SummaryVerifyInput = z.object({ rebuild: z.boolean().default(false) });

/** One summary row that does not hold what a recount from the base tables gives, and that difference in one line. */
export interface SummaryDifferenceView {
  table: string;
  /** The row's key, e.g. `{ document_id: 12 }`. */
  key: Record<string, unknown>;
  /** What the summary holds (null: no such row). */
  kept: Record<string, unknown> | null;
  /** What the base tables give (null: there should be no such row). */
  recounted: Record<string, unknown> | null;
  description: string;
}

export interface SummaryVerifyResult {
  differences: SummaryDifferenceView[];
  /** The summaries were rebuilt from the base tables (asked for, and a difference found). */
  rebuilt: boolean;
}

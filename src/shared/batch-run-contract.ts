/** Input, result and events of a whole batch run (`sohoa batch FOLDER`, `--watch`, `--resume`): see contract.ts. */
import { z } from 'zod';
import type { BatchReport } from './batch-report';
import { REGISTER_FIELD_NAMES } from './batch-start-contract';
import { REGISTER_ENCODINGS } from './register-preview';

export const BatchRunInput = z.object({
  folder: z.string().min(1, 'required').max(4096, 'too-long'),
  registerPath: z.string().min(1, 'required').max(4096, 'too-long').optional(),
  encoding: z.enum(REGISTER_ENCODINGS).optional(),
  /** An XLSX register's sheet: its name, its number from 1, or all. */
  sheet: z.string().trim().max(100, 'too-long').optional(),
  columns: z.partialRecord(z.enum(REGISTER_FIELD_NAMES), z.string().trim().min(1, 'required').max(200, 'too-long')).optional(),
  /** folders, qr, patch-t, blank or count:N; without it, the batch's own (folders the first time). */
  separate: z.string().trim().max(32, 'too-long').optional(),
  /** The agency that issued the paper, as named then (an archive of a merged unit). */
  issuingAgency: z.string().trim().min(1, 'required').max(200, 'too-long').optional(),
  /** Takes up a cancelled batch too. */
  resume: z.boolean().default(false),
  /** The folder is a hot folder: the run waits for new pages until it is stopped. */
  watch: z.boolean().default(false),
});

/** How a run ended: all pages worked through, paused (stopped, or `--pause`), or cancelled. A full disk is an error. */
export type BatchRunOutcome = 'done' | 'paused' | 'cancelled';

export interface BatchRunResult {
  outcome: BatchRunOutcome;
  report: BatchReport;
}

export const BatchRunStopInput = z.object({ batchId: z.number().int().positive() });

/** What a run says while it goes (the engine's `batch.run` event): the batch opened, what an intake took in, a progress line, a hot folder's news. */
export type BatchRunEvent =
  | { batchId: number; kind: 'opened' }
  | {
      batchId: number;
      kind: 'intake';
      resumed: boolean;
      pagesAdded: number;
      separators: number;
      loose: number;
      importWarnings: { code: string; message: string }[];
      register: { encoding: string; rows: number; problems: number } | null;
    }
  | { batchId: number | null; kind: 'progress' | 'hot-folder'; line: string };

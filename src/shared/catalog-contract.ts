/** Input and result of a procedure catalog import (`sohoa catalog import FILE.csv`): see contract.ts. */
import { z } from 'zod';

/** The CSV as text, as a file chooser or the command line read it (the engine reads no path); `source` names it in the audit log. */
export const CatalogImportInput = z.object({
  csv: z.string().max(10_000_000, 'too-long'),
  source: z.string().trim().min(1, 'required').max(4096, 'too-long').optional(),
});

/** The procedures stored (added or updated by code), and the rows refused with their line and reason. */
export interface CatalogImportResult {
  imported: number;
  problems: { line: number; message: string }[];
}

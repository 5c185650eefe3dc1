/** Input schema and result of viewing a signed record from the desk: the signed file itself, rendered in the window or saved (see contract.ts). */
import { z } from 'zod';

/** `view`: the desk renders the file in its own window; `export` (the default): the file leaves the app. The audit log tells them apart. */
export const RecordFileInput = z.object({ recordId: z.number().int().positive(), purpose: z.enum(['view', 'export']).optional() });

export interface RecordFile {
  pdfBase64: string;
  fileName: string;
}

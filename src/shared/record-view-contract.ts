/** Input schemas and results of viewing a signed record from the desk: its pages as its PDF holds them, and the file (see contract.ts). */
import { z } from 'zod';

export const RecordPageInput = z.object({ recordId: z.number().int().positive(), index: z.number().int().min(0).max(100_000) });
export const RecordFileInput = z.object({ recordId: z.number().int().positive() });

export interface RecordPageView {
  /** The page's image, taken out of the record's PDF itself (data: URL). */
  dataUrl: string;
  pageCount: number;
}

export interface RecordFile {
  pdfBase64: string;
  fileName: string;
}

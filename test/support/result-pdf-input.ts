import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** `result.importPdf`'s input for a file on disk: its name and bytes, as the window and the command line send them. */
export const resultPdfInput = (documentId: number, path: string) => ({
  documentId,
  name: basename(path),
  dataBase64: readFileSync(path).toString('base64'),
});

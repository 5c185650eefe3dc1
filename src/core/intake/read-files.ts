import { readFile } from 'node:fs/promises';
import { CodedError } from '../../shared/errors';
import type { CapturedItem } from './page-intake';

/** Each path read whole as one page image; the capture module's file source replaces this. */
export async function* readFilesAsPages(paths: string[]): AsyncIterable<CapturedItem> {
  for (const path of paths) {
    try {
      yield { source: path, bytes: await readFile(path) };
    } catch (e) {
      yield { source: path, error: new CodedError('file.unreadable', `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path }) };
    }
  }
}

import { createHash } from 'node:crypto';

/** The same folder with the same register is the same batch: found again by this key to resume. */
export function batchKey(folder: string, registerPath: string | null): string {
  return createHash('sha256')
    .update(`${folder}\n${registerPath ?? ''}`)
    .digest('hex');
}

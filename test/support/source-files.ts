import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './cli';

/** The TypeScript files under the given folders of the repository, as paths relative to it. */
export function sourceFiles(...roots: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(path);
      return /\.(ts|tsx|mts)$/.test(e.name) ? [path] : [];
    });
  return roots.flatMap((root) => walk(join(REPO, root))).map((file) => relative(REPO, file));
}

/** The code without its comments, so that a rule is not broken by a comment that names what it forbids. */
export const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

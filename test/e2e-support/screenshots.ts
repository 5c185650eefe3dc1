import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/cli';

/** Where a browser test keeps the screenshots a person looks at after a run (git-ignored test-output/). */
export function screenshotDir(name: string): string {
  const dir = join(REPO, 'test-output', 'screenshots', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

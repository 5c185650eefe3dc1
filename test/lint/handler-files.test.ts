import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/shared/methods';
import { REPO } from '../support/cli';

const HANDLERS = join(REPO, 'src/core/handlers');
const METHOD_KEY = /^\s+'([a-z]+)\.([a-zA-Z-]+)'\s*[:(]/gm;

/** The namespace a handler file is named after: its first word, after `desk-` (`desk-page-handlers.ts` and `page-handlers.ts` hold `page.*`). */
const namespaceOf = (file: string) => file.replace(/^desk-/, '').split(/[-.]/)[0];

function placedMethods(): { method: string; file: string }[] {
  return readdirSync(HANDLERS)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(HANDLERS, file), 'utf8').matchAll(METHOD_KEY)].map((m) => ({ method: `${m[1]}.${m[2]}`, file })),
    );
}

describe('handler files', () => {
  it('hold every method of the contract exactly once', () => {
    expect(
      placedMethods()
        .map((p) => p.method)
        .sort(),
    ).toEqual([...METHOD_NAMES].sort());
  });

  it('are named after the namespace of the methods they hold', () => {
    const misplaced = placedMethods()
      .filter((p) => namespaceOf(p.file) !== p.method.split('.')[0])
      .map((p) => `${p.method} ${p.file}`)
      .sort();
    expect(misplaced).toEqual([]);
  });
});

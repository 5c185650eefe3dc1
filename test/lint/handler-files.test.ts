import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/shared/methods';
import { REPO } from '../support/cli';

const HANDLERS = join(REPO, 'src/core/handlers');
const METHOD_KEY = /^\s+'([a-z]+)\.([a-zA-Z-]+)'\s*[:(]/gm;

/** The namespace a handler file is named after: its first word, after `desk-` (`desk-page-handlers.ts` and `page-handlers.ts` hold `page.*`). */
const namespaceOf = (file: string) => file.replace(/^desk-/, '').split(/[-.]/)[0];

/**
 * Methods that do not live in their namespace's file yet (issue 23, item 8). The list may only
 * shrink: moving a method to its file fails this test until it is struck off here.
 */
const NOT_YET_MOVED = [
  'document.fields desk-dossier-handlers.ts',
  'document.remove desk-dossier-handlers.ts',
  'document.reuse desk-dossier-handlers.ts',
  'document.setField desk-dossier-handlers.ts',
];

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

  it('are named after the namespace of the methods they hold, but for the moves still to make', () => {
    const misplaced = placedMethods()
      .filter((p) => namespaceOf(p.file) !== p.method.split('.')[0])
      .map((p) => `${p.method} ${p.file}`)
      .sort();
    expect(misplaced).toEqual(NOT_YET_MOVED);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';
import { sourceFiles, withoutComments } from '../support/source-files';

/** Where the database handle may be used: the workstation's store (the hub has its own, PostgreSQL). */
const HANDLE_HOMES = ['src/core/store/', 'src/hub/'];
const ROOTS = ['src', 'electron'];

/** Outside the store, a transaction is `store.transaction(fn)` and a repository is `store.<name>`. */
const RULES = {
  'raw transaction': /\bdb\s*\.\s*transaction\s*\(/,
  'raw handle': /\bstore\s*\.\s*db\b/,
};
type Rule = keyof typeof RULES;

/** No file outside the store breaks a rule: a file that does is listed here, and the test fails. */
const EXCEPTIONS: Record<string, Rule[]> = {};

const rulesBroken = (code: string): Rule[] => (Object.keys(RULES) as Rule[]).filter((rule) => RULES[rule].test(withoutComments(code)));

function breaches(): Record<string, Rule[]> {
  return Object.fromEntries(
    sourceFiles(...ROOTS)
      .filter((file) => !HANDLE_HOMES.some((home) => file.startsWith(home)))
      .map((file) => [file, rulesBroken(readFileSync(join(REPO, file), 'utf8'))] as const)
      .filter(([, rules]) => rules.length > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

describe('the database handle', () => {
  it('stays in src/core/store: the others call store.transaction() and the repositories Store holds', () => {
    expect(breaches()).toEqual(EXCEPTIONS);
  });

  it('reaches documents through DocumentRepository: PageRepository reads and writes pages only', () => {
    const pages = withoutComments(readFileSync(join(REPO, 'src/core/store/page-repository.ts'), 'utf8'));
    expect(pages.match(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|FROM)\s+document\b/g) ?? []).toEqual([]);
  });

  it('is recognised by this test in each shape it was reached for', () => {
    const samples: [string, Rule][] = [
      ['store.db.transaction(() => {\n  x();\n})();', 'raw transaction'],
      ['this.db.transaction(compute)()', 'raw transaction'],
      ['return db.transaction(() => 1)();', 'raw transaction'],
      ['new ArchiveRepository(engine.store.db)', 'raw handle'],
      ['computeIndicators(this.ctx.store.db, filter)', 'raw handle'],
      ['const { db } = store;\nstore\n  .db.prepare', 'raw handle'],
    ];
    for (const [code, rule] of samples) expect(rulesBroken(code), code).toContain(rule);
    const innocent = [
      'store.transaction(() => 1)',
      'store.dossiers.get(1)',
      'store.dbPath',
      '// store.db.transaction( in a comment',
      'hub.db.query()',
    ];
    for (const code of innocent) expect(rulesBroken(code), code).toEqual([]);
  });
});

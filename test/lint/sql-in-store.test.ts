import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';
import { sourceFiles, withoutComments } from '../support/source-files';

/** Where SQL may be written: the workstation's store, and the hub's own (PostgreSQL) server. */
const SQL_HOMES = ['src/core/store/', 'src/hub/'];
const ROOTS = ['src', 'electron'];

/** A call on a database handle, or a string that opens with a statement (upper-case, as the store writes them). */
const SQL = [
  /\b(?:db|\.db)\s*\.\s*(?:prepare|exec|pragma|function|aggregate)\s*\(/,
  /[`'"]\s*(?:SELECT\s|INSERT\s+(?:OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|PRAGMA\s|VACUUM\b|CREATE\s+(?:TABLE|INDEX|TRIGGER|VIEW|VIRTUAL)\s|DROP\s+(?:TABLE|INDEX)\s|ALTER\s+TABLE\s|WITH\s+\w+\s+AS\s*\()/,
];

/** The files outside the store that write SQL of their own. */
function sqlOutsideStore(): string[] {
  return sourceFiles(...ROOTS)
    .filter((file) => !SQL_HOMES.some((home) => file.startsWith(home)))
    .flatMap((file) => {
      const code = withoutComments(readFileSync(join(REPO, file), 'utf8'));
      return SQL.some((re) => re.test(code)) ? [file] : [];
    })
    .sort();
}

describe('SQL', () => {
  it('is written only in src/core/store (and the hub): the other modules call a repository', () => {
    expect(sqlOutsideStore()).toEqual([]);
  });

  it('is recognised by this test, in each shape the store writes it', () => {
    const samples = [
      "db.prepare('SELECT 1').get()",
      'store.db\n  .prepare(`UPDATE page SET state = ?`)',
      "db.pragma('data_version', { simple: true })",
      'const q = `DELETE FROM job WHERE id = ?`;',
      "db.exec('VACUUM')",
    ];
    for (const s of samples)
      expect(
        SQL.some((re) => re.test(withoutComments(s))),
        s,
      ).toBe(true);
    for (const s of ['stages.prepare(image)', '/^(\\d+)$/.exec(text)', "t('Chọn tệp…')", '// SELECT in a comment'])
      expect(
        SQL.some((re) => re.test(withoutComments(s))),
        s,
      ).toBe(false);
  });
});

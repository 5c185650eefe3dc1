import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUMMARY_TRIGGERS_SQL } from '../../src/core/store/summary-schema';
import { REPO } from '../support/cli';
import { sourceFiles, withoutComments } from '../support/source-files';

/** The tables whose writes set off the summary triggers (migration 23 and later). */
const TRIGGER_TABLES = [...new Set([...SUMMARY_TRIGGERS_SQL.matchAll(/\bON (\w+)\b(?! CONFLICT)/g)].map((m) => m[1]!))];

/** A statement prepared on the spot (`.prepare(` then its SQL literal), and whether that SQL writes one of those tables. */
const PREPARED = /\.prepare\(\s*(`[^`]*`|'[^']*')/g;
const writesTriggerTable = (sql: string) =>
  new RegExp(`\\b(?:UPDATE|INSERT(?:\\s+OR\\s+\\w+)?\\s+INTO|DELETE\\s+FROM)\\s+(?:${TRIGGER_TABLES.join('|')})\\b`).test(sql);

describe('writes to the tables the summaries follow', () => {
  it('are kept prepared (cachedStatement): preparing one compiles every summary trigger it sets off, several times the write', () => {
    expect(TRIGGER_TABLES).toEqual(expect.arrayContaining(['dossier', 'document', 'page', 'record', 'audit_event']));
    const preparedEachTime = sourceFiles('src/core')
      .filter((file) => !file.includes('/migrations/'))
      .flatMap((file) =>
        [...withoutComments(readFileSync(join(REPO, file), 'utf8')).matchAll(PREPARED)]
          .filter((m) => writesTriggerTable(m[1]!))
          .map((m) => `${file}: ${m[1]!.replace(/\s+/g, ' ').slice(0, 80)}`),
      );
    expect(preparedEachTime).toEqual([]);
  });
});

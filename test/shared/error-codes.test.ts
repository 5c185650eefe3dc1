import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { en } from '../../src/renderer/src/i18n/en';
import { errorMessage } from '../../src/renderer/src/i18n/error-messages';
import { translator } from '../../src/renderer/src/i18n/translate';
import { vi } from '../../src/renderer/src/i18n/vi';
import { ERROR_CODES, EXIT_STATUS, exitStatusOf } from '../../src/shared/error-codes';
import { codesIn, thrownCodes } from '../support/thrown-codes';
import { REPO } from '../support/cli';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the error code registry', () => {
  const thrown = thrownCodes(REPO);

  it('finds codes however a source raises them', () => {
    const source = `
      throw new DiskFullError('batch.disk-full', x);
      super(reason === 'big' ? 'csv.cell-too-large' : 'csv.syntax', 'line');
      return { code: 'ocr.failed', message };
      throw new NotFoundError('page', id);
      const code = empty ? 'record.unsigned' : settings.value('agency.code');`;
    expect(codesIn(source).sort()).toEqual([
      'batch.disk-full',
      'csv.cell-too-large',
      'csv.syntax',
      'ocr.failed',
      'page.not-found',
      'record.unsigned',
    ]);
  });

  it('has an entry for every code raised anywhere in the sources', () => {
    const missing = [...thrown]
      .filter(([code]) => !Object.hasOwn(ERROR_CODES, code))
      .map(([code, files]) => `${code} (${files.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('has no entry that no source raises', () => {
    expect(Object.keys(ERROR_CODES).filter((code) => !thrown.has(code))).toEqual([]);
  });

  it('gives each code a Vietnamese and an English message with the same placeholders', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(entry.vi.trim(), code).not.toBe('');
      expect(entry.en.trim(), code).not.toBe('');
      expect(entry.vi, code).not.toBe(entry.en);
      expect(placeholders(entry.vi), code).toEqual(placeholders(entry.en));
    }
  });

  it('is where the catalogs take their error messages from, and they hold no other', () => {
    const tVi = translator(vi);
    const tEn = translator(en);
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(errorMessage(tVi, code)).toBe(entry.vi);
      expect(errorMessage(tEn, code)).toBe(entry.en);
    }
    const own = Object.keys(vi).filter((key) => key.startsWith('error.') && !Object.hasOwn(ERROR_CODES, key.slice('error.'.length)));
    expect(own).toEqual(['error.generic']);
  });

  it('gives the messages the issue found falling back to the generic one a message of their own', () => {
    const t = translator(vi);
    for (const code of ['import.corrupt-pdf', 'record.damaged', 'signer.timestamp-failed'])
      expect(errorMessage(t, code)).not.toContain(code);
  });

  it('sets the CLI exit status of a coded failure from its class', async () => {
    expect(exitStatusOf('record.damaged')).toBe(EXIT_STATUS[ERROR_CODES['record.damaged'].exit]);
    expect(exitStatusOf('nothing.like-this')).toBe(EXIT_STATUS.internal);
    const err: string[] = [];
    const status = await runCli(['verify', `${REPO}/package.json`, '--trust', `${REPO}/package.json`], {
      out: () => {},
      err: (t) => err.push(t),
      env: {},
    });
    const code = /\[([a-z0-9.-]+)\]/.exec(err.join('\n'))?.[1];
    expect(code, err.join('\n')).toBeDefined();
    expect(status).toBe(exitStatusOf(code!));
    expect(status).not.toBe(0);
  });
});

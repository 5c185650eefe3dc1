import { describe, expect, it } from 'vitest';
import { PROBLEM } from '../../src/shared/contract';
import { en } from '../../src/renderer/src/i18n/en';
import { errorMessage, fieldProblemMessage, problemMessage } from '../../src/renderer/src/i18n/error-messages';
import { translator } from '../../src/renderer/src/i18n/translate';
import { vi, type MessageKey } from '../../src/renderer/src/i18n/vi';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('give every message the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as MessageKey[]) expect([key, placeholders(en[key])]).toEqual([key, placeholders(vi[key])]);
  });

  it('have a message of their own for every problem code of the contract, in both languages', () => {
    const tVi = translator(vi);
    const tEn = translator(en);
    const generic = (t: typeof tVi, code: string) => t('problem.other', { code });
    for (const code of Object.values(PROBLEM)) {
      expect(problemMessage(tVi, code)).not.toBe(generic(tVi, code));
      expect(problemMessage(tEn, code)).not.toBe(generic(tEn, code));
      expect(problemMessage(tVi, code)).not.toBe(problemMessage(tEn, code));
    }
  });

  it('name an unknown error or problem code in a generic message', () => {
    const t = translator(vi);
    expect(errorMessage(t, 'scanner.mystery')).toBe(vi['error.generic'].replace('{code}', 'scanner.mystery'));
    expect(errorMessage(t, 'scanner.feeder-empty')).toBe(vi['error.scanner.feeder-empty']);
    expect(problemMessage(t, 'mystery')).toBe(vi['problem.other'].replace('{code}', 'mystery'));
    expect(errorMessage(t, 'toString')).toContain('toString');
  });

  it('prefix a problem shown away from its field with the field’s name', () => {
    const t = translator(en);
    expect(fieldProblemMessage(t, 'applicantCccd', PROBLEM.cccd)).toBe(`${en['field.applicantCccd']}: ${en['problem.cccd.invalid']}`);
    expect(fieldProblemMessage(t, 'somethingElse', PROBLEM.required)).toBe(`somethingElse: ${en['problem.required']}`);
  });

  it('keep a placeholder it has no value for, rather than dropping it', () => {
    expect(translator(vi)('form.created')).toBe(vi['form.created']);
    expect(translator(vi)('form.created', { code: 'X-1' })).not.toContain('{code}');
  });
});

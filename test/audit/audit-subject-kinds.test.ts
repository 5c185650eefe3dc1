import { describe, expect, it } from 'vitest';
import { AUDIT_SUBJECT_SOURCES } from '../../src/core/audit/audit-subject-kinds';
import { auditActions } from '../support/audit-actions';

describe('the subject kind of every audit action the workstation writes', () => {
  const { actions } = auditActions(['src/core']);

  it('says what each written action’s subject is (a dossier code or id, a document, a page, a batch, a user…)', () => {
    expect(actions.size).toBeGreaterThan(50);
    expect([...actions].filter((a) => !Object.hasOwn(AUDIT_SUBJECT_SOURCES, a))).toEqual([]);
  });

  it('lists no action the workstation no longer writes', () => {
    expect(Object.keys(AUDIT_SUBJECT_SOURCES).filter((a) => !actions.has(a))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../src/renderer/src/i18n/audit-action-labels';
import { en } from '../../src/renderer/src/i18n/en';
import { vi } from '../../src/renderer/src/i18n/vi';
import type { MessageKey } from '../../src/renderer/src/i18n/vi';
import { auditActions } from '../support/audit-actions';

describe('audit action labels', () => {
  const { actions, unknownTemplates } = auditActions(['src/core', 'src/hub']);

  it('finds the actions the engine writes (the scan itself works)', () => {
    for (const a of [
      'dossier.create',
      'auth.login',
      'sync.record.sent',
      'backup.create',
      'user.disable',
      'batch.pause',
      'auth.login-failed',
    ])
      expect(actions).toContain(a);
    expect(unknownTemplates).toEqual([]);
  });

  it('has a Vietnamese and an English label for every action the engine writes', () => {
    const missing = [...actions].filter((a) => {
      const key = AUDIT_ACTION_LABELS[a] as MessageKey | undefined;
      return !key || !vi[key]?.trim() || !en[key]?.trim() || vi[key] === a;
    });
    expect(missing).toEqual([]);
  });

  it('shows words, and an action it does not know as its code', () => {
    const t = (key: MessageKey) => vi[key];
    expect(auditActionLabel(t, 'dossier.create')).toBe('Tạo hồ sơ');
    expect(auditActionLabel(t, 'future.action')).toBe('future.action');
    expect(auditActionLabel(t, 'constructor')).toBe('constructor');
  });
});

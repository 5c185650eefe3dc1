import { describe, expect, it } from 'vitest';
import { auditDetailItems } from '../../src/renderer/src/i18n/audit-details';
import { en } from '../../src/renderer/src/i18n/en';
import { vi } from '../../src/renderer/src/i18n/vi';
import type { MessageKey } from '../../src/renderer/src/i18n/vi';

const tVi = (key: MessageKey) => vi[key];
const tEn = (key: MessageKey) => en[key];
const shown = (items: ReturnType<typeof auditDetailItems>) => Object.fromEntries(items.map((i) => [i.label, i.value]));

describe('audit details in words', () => {
  it('names the filter of an export, its days in the reader’s order and its action by label', () => {
    const items = auditDetailItems(tVi, 'vi', { rows: 12, filter: { from: '2026-11-01', action: 'user.create', actor: 'lan' } });
    expect(shown(items)).toEqual({
      [vi['audit.key.rows']]: '12',
      [vi['audit.key.filter']]:
        `${vi['audit.key.from']}: 01/11/2026; ${vi['audit.key.action']}: ${vi['audit.action.user.create']}; ${vi['audit.key.actor']}: lan`,
    });
  });

  it('keeps numbers that name something as written, and counts and sizes in the reader’s digits', () => {
    const details = { year: 2026, dossierId: 1234, documents: 12345, bytes: 2_500_000 };
    expect(shown(auditDetailItems(tVi, 'vi', details))).toEqual({
      [vi['audit.key.year']]: '2026',
      [vi['audit.key.dossierId']]: '1234',
      [vi['audit.key.documents']]: '12.345',
      [vi['audit.key.bytes']]: '2,4 MB',
    });
    expect(shown(auditDetailItems(tEn, 'en', details))).toMatchObject({
      [en['audit.key.documents']]: '12,345',
      [en['audit.key.bytes']]: '2.4 MB',
    });
  });

  it('names roles, lock reasons and lists; an unknown key shows as itself; nothing shows as null', () => {
    const items = auditDetailItems(tVi, 'vi', {
      from: 'clerk',
      to: 'supervisor',
      reason: 'idle',
      missingConfirmed: ['Giấy chứng sinh', 'Tờ khai'],
      lateReason: null,
      newKey: 'x',
    });
    expect(shown(items)).toEqual({
      [vi['audit.key.from']]: vi['role.clerk'],
      [vi['audit.key.to']]: vi['role.supervisor'],
      [vi['audit.key.reason']]: vi['audit.reason.idle'],
      [vi['audit.key.missingConfirmed']]: 'Giấy chứng sinh, Tờ khai',
      [vi['audit.key.lateReason']]: '—',
      newKey: 'x',
    });
  });
});

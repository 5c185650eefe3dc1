import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { ROLES, type Role } from '../../src/shared/roles';
import { signedInPerRole, type Connection } from '../auth/connection';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

/** A page's OCR text as a birth-registration request reads: the applicant's name and address in it. */
const OCR_TEXT =
  'TỜ KHAI ĐĂNG KÝ KHAI SINH Kính gửi: Ủy ban nhân dân phường Phú Cường. Họ, chữ đệm, tên người yêu cầu: LÂM QUANG KHOA ' +
  'Nơi cư trú: Số 76, đường Phạm Ngọc Thạch, phường Phú Cường. Giấy tờ tùy thân: CCCD số 074093513649 cấp ngày 12/05/2021. ' +
  'Quan hệ với người được khai sinh: cha. Đề nghị cơ quan đăng ký khai sinh cho người dưới đây.';

describe('search for a role without personal data', () => {
  const dir = tempDir();
  let engine: Engine;
  let as: Record<Role, Connection>;
  let dossierId: number;

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data') }));
    as = await signedInPerRole(engine, ROLES);
    const d = await as.clerk.call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Lâm Quang Khoa',
      applicantCccd: '074093513649',
      applicantAddress: 'Số 76, đường Phạm Ngọc Thạch, phường Phú Cường',
      receivedDate: '2026-11-23',
    });
    dossierId = d.id;
    const documentId = (await as.clerk.call('document.create', { dossierId, component: 'Tờ khai' })).id;
    const pageId = engine.store.pages.addPage(documentId, 'a'.repeat(64), 'test').id;
    engine.store.search.indexPage(dossierId, pageId, OCR_TEXT);
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('refuses a supervisor’s search by CCCD, by part of it, or by the applicant’s name, with or without accents', async () => {
    for (const text of ['074093513649', '0740 9351 3649', '093513', 'Khoa', 'lam quang khoa', 'LÂM QUANG', 'quang khoa']) {
      expect([text, await codeOf(as.supervisor.call('search.query', { text }))]).toEqual([text, 'search.personal-data']);
    }
  });

  it('gives a supervisor the hit for other words, with the applicant’s name, address and numbers masked in its snippet', async () => {
    const hits = await as.supervisor.call('search.query', { text: 'khai sinh' });
    const page = hits.find((h) => h.dossierId === dossierId && h.pageId !== null)!;
    expect(page.snippet).toMatch(/\[khai\] \[sinh\]/i);
    for (const secret of ['KHOA', 'LÂM', 'QUANG', 'Phạm', 'Ngọc', 'Thạch', '76', '0740'])
      expect([secret, page.snippet.includes(secret)]).toEqual([secret, false]);
    expect(JSON.stringify(hits)).not.toMatch(/Khoa|074093513649/i);
  });

  it('leaves the clerk’s search as it was: by name and by CCCD, the snippet whole', async () => {
    const byName = await as.clerk.call('search.query', { text: 'Khoa' });
    expect(byName.map((h) => h.dossierId)).toContain(dossierId);
    expect(byName.some((h) => h.snippet.includes('KHOA'))).toBe(true);
    expect((await as.clerk.call('search.query', { text: '074093513649' })).map((h) => h.dossierId)).toContain(dossierId);
  });
});

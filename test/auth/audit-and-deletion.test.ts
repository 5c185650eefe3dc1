import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { ROLES, type Role } from '../../src/shared/roles';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { connect, PASSWORD, signedInPerRole, type Connection } from './connection';
import { setTestAgency } from '../support/agency';

describe('audit events and recorded deletion', () => {
  const dir = tempDir();
  let engine: Engine;
  let as: Record<Role, Connection>;
  let clock = new Date('2026-11-24T08:00:00Z');

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data'), now: () => clock }));
    as = await signedInPerRole(engine, ROLES);
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  const events = () => [...engine.store.audit.iterate()];

  it('records who did what, from which workstation', async () => {
    const d = await as.clerk.call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Phạm Thị Dung',
      applicantCccd: '074190012345',
      receivedDate: '2026-11-23',
    });
    const doc = await as.clerk.call('document.create', { dossierId: d.id });
    const create = events().find((e) => e.action === 'dossier.create' && e.subject === d.code)!;
    expect(create).toMatchObject({ actor: 'clerk1', workstation_id: engine.workstation.id });
    expect(events().find((e) => e.action === 'document.create' && e.subject === String(doc.id))).toMatchObject({ actor: 'clerk1' });
    expect(
      events()
        .filter((e) => e.action === 'auth.login')
        .map((e) => e.actor),
    ).toEqual(ROLES.map((r) => `${r}1`));
    expect(
      events()
        .filter((e) => e.action === 'user.create')
        .map((e) => e.subject),
    ).toEqual(ROLES.map((r) => `${r}1`));
  });

  it('records failed sign-ins, sign-outs, user changes and setting changes', async () => {
    await codeOf(connect(engine).call('auth.login', { username: 'clerk1', password: 'sai-mat-khau' }));
    const extra = connect(engine);
    await extra.call('auth.login', { username: 'clerk1', password: PASSWORD });
    await extra.call('auth.logout', {});
    const u = await as.administrator.call('user.create', { username: 'hoa', displayName: 'Lê Thị Hoa', role: 'clerk', password: PASSWORD });
    await as.administrator.call('user.setRole', { id: u.id, role: 'archivist' });
    await as.administrator.call('user.resetPassword', { id: u.id, password: 'mật khẩu mới rất dài' });
    await as.administrator.call('user.disable', { id: u.id, disabled: true });
    await as.administrator.call('auth.setPolicy', { idleMinutes: 24 * 60 });
    const tail = events()
      .slice(-8)
      .map((e) => [e.action, e.actor, e.subject]);
    expect(tail).toEqual([
      ['auth.login-failed', 'anonymous', 'clerk1'],
      ['auth.login', 'clerk1', null],
      ['auth.logout', 'clerk1', null],
      ['user.create', 'administrator1', 'hoa'],
      ['user.set-role', 'administrator1', 'hoa'],
      ['user.reset-password', 'administrator1', 'hoa'],
      ['user.disable', 'administrator1', 'hoa'],
      ['setting.change', 'administrator1', 'auth.idle_minutes'],
    ]);
    expect(JSON.parse(events().at(-1)!.details)).toEqual({ from: 10, to: 24 * 60 });
    expect(JSON.stringify(events())).not.toContain('mật khẩu mới rất dài');
    expect(JSON.stringify(events())).not.toContain('sai-mat-khau');
  });

  it('lets a supervisor browse the log by actor, action and day, a page at a time', async () => {
    clock = new Date('2026-11-25T07:30:00Z'); // within the day-long idle time set above
    await as.clerk.call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Võ Văn Em',
      applicantCccd: '074090054321',
      receivedDate: '2026-11-25',
    });
    const byClerk = await as.supervisor.call('audit.list', { actor: 'clerk1' });
    expect(byClerk.total).toBe(events().filter((e) => e.actor === 'clerk1').length);
    expect(byClerk.items.every((e) => e.actor === 'clerk1')).toBe(true);
    expect(byClerk.items.map((e) => e.seq)).toEqual([...byClerk.items.map((e) => e.seq)].sort((a, b) => b - a));

    const onThe25th = await as.supervisor.call('audit.list', { from: '2026-11-25', to: '2026-11-25' });
    expect(onThe25th.items.map((e) => e.action)).toEqual(['dossier.create']);
    expect((await as.supervisor.call('audit.list', { to: '2026-11-24' })).total).toBe(events().length - 1);

    // The action filter is one action, exactly: "create" is no action, "user.create" is.
    expect((await as.supervisor.call('audit.list', { action: 'create' })).total).toBe(0);
    const creations = await as.supervisor.call('audit.list', { action: 'user.create' });
    expect(creations.items.map((e) => e.action)).toEqual(creations.items.map(() => 'user.create'));
    expect(creations.total).toBe(events().filter((e) => e.action === 'user.create').length);
    expect((await as.supervisor.call('audit.list', { action: 'archive.dossier.create' })).total).toBe(0);

    // Free text finds the subject: the dossier code of its creation.
    const code = events().find((e) => e.action === 'dossier.create' && e.at.startsWith('2026-11-25'))!.subject!;
    const bySubject = await as.supervisor.call('audit.list', { text: code.slice(-11) });
    expect(bySubject.items.map((e) => [e.action, e.subject])).toEqual([['dossier.create', code]]);
    // Never the details, which a supervisor sees masked: a CCCD cannot be probed for.
    expect((await as.supervisor.call('audit.list', { text: '074090054321' })).total).toBe(0);

    const page1 = await as.supervisor.call('audit.list', { limit: 3, offset: 0 });
    const page2 = await as.supervisor.call('audit.list', { limit: 3, offset: 3 });
    expect(page1.items).toHaveLength(3);
    expect(page2.items[0]!.seq).toBe(page1.items[2]!.seq - 1);
  });

  it('exports the log as CSV text, and records the export', async () => {
    const text = await as.supervisor.call('audit.export', { action: 'user.create' });
    const lines = text.csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,workstation,action,subject,details,hash');
    expect(lines).toHaveLength(1 + ROLES.length + 1);
    expect(text.rows).toBe(ROLES.length + 1);
    expect(lines.slice(1).every((l) => l.split(',')[4] === 'user.create')).toBe(true);
    expect(events().at(-1)).toMatchObject({ action: 'audit.export', actor: 'supervisor1' });
  });

  it('writes no file where a caller says: an export takes no destination path', async () => {
    const target = join(dir.path, '.bashrc');
    for (const role of ['supervisor', 'administrator'] as const) {
      const before = events().length;
      expect(await codeOf(as[role].call('audit.export', { actor: 'x\ntouch /tmp/pwned #', path: target } as never)), role).toBe(
        'input.invalid',
      );
      expect(existsSync(target), role).toBe(false);
      expect(events().length, role).toBe(before);
    }
  });

  it('masks personal data in the details a supervisor browses or exports', async () => {
    engine.audit.append({
      actor: 'clerk1',
      action: 'field.correct',
      subject: '1',
      details: { name: 'cccd', ocrValue: '074093513640', value: '074093513649' },
    });
    const listed = await as.supervisor.call('audit.list', { action: 'field.correct' });
    expect(listed.items[0]!.details).toEqual({ name: 'cccd', ocrValue: '•••', value: '•••' });
    const exported = await as.supervisor.call('audit.export', { action: 'field.correct' });
    expect(exported.csv).not.toContain('0740935136');
    expect(exported.rows).toBe(1);
  });

  it('masks a CCCD beside a SHA-256, and leaves the digest whole', async () => {
    const sha256 = '9f2c4a1b074093513649e5d0c3b2a1f0123456789012fedcba9876543210abcd';
    engine.audit.append({ actor: 'clerk1', action: 'page.import-hash', subject: '1', details: { sha256, note: 'CCCD 074093513649' } });
    const listed = await as.supervisor.call('audit.list', { action: 'page.import-hash' });
    expect(listed.items[0]!.details).toEqual({ sha256, note: 'CCCD ••••••••••••' });
  });

  it('masks only digit runs that stand alone, never digits inside an identifier', async () => {
    const kept = {
      shortHash: 'ab12cd074093513649',
      hashPrefix: '074093513649abcdef',
      uuid: '3f2a1b4c-1234-5678-9abc-012345678901',
      at: '2026-12-07T03:42:36.123Z',
      day: '2026-12-07',
      dossierCode: '000.31.25.H12-261207-0001',
      count: 'năm 2024, 12 trang',
    };
    const masked = { cccd: 'CCCD:074093513649.', phone: 'sđt 0912 345 678', cmnd: 'CMND-123456789' };
    engine.audit.append({ actor: 'clerk1', action: 'page.import-ids', subject: '1', details: { ...kept, ...masked } });
    const { items } = await as.supervisor.call('audit.list', { action: 'page.import-ids' });
    expect(items[0]!.details).toEqual({ ...kept, cccd: 'CCCD:••••••••••••.', phone: 'sđt •••• ••• •••', cmnd: 'CMND-•••••••••' });
  });

  it('deletes a dossier only for an administrator, with a reason, recorded and never silent', async () => {
    const d = await as.clerk.call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Đặng Văn Giang',
      applicantCccd: '074093513649',
      receivedDate: '2026-11-25',
    });
    const doc = await as.clerk.call('document.create', { dossierId: d.id, component: 'Tờ khai' });
    for (const role of ['clerk', 'archivist', 'supervisor'] as const)
      expect(await codeOf(as[role].call('dossier.delete', { id: d.id, reason: 'trùng' })), role).toBe('auth.forbidden');
    expect(await codeOf(as.administrator.call('dossier.delete', { id: d.id, reason: '   ' }))).toBe('input.invalid');
    expect((await as.clerk.call('dossier.get', { id: d.id })).code).toBe(d.code);

    const result = await as.administrator.call('dossier.delete', { id: d.id, reason: 'Nhập trùng hồ sơ' });
    expect(result).toEqual({ deleted: true, code: d.code });
    expect((await as.clerk.call('dossier.list', {})).items.map((x) => x.id)).not.toContain(d.id);
    expect((await as.clerk.call('search.query', { text: 'dang van giang' })).map((h) => h.dossierId)).not.toContain(d.id);
    expect(await codeOf(as.clerk.call('dossier.get', { id: d.id }))).toBe('dossier.not-found');
    expect(await codeOf(as.administrator.call('dossier.delete', { id: d.id, reason: 'lần nữa' }))).toBe('dossier.not-found');

    const event = events().find((e) => e.action === 'dossier.delete')!;
    expect(event).toMatchObject({
      actor: 'administrator1',
      subject: d.code,
      workstation_id: engine.workstation.id,
      at: clock.toISOString(),
    });
    expect(JSON.parse(event.details)).toMatchObject({
      id: d.id,
      reason: 'Nhập trùng hồ sơ',
      documents: [{ id: doc.id, component: 'Tờ khai', pages: 0 }],
      records: [],
    });
    // Kept for retention: the row and its documents stay, marked deleted with who and why.
    expect(engine.store.db.prepare('SELECT deleted_by, deletion_reason FROM dossier WHERE id = ?').get(d.id)).toEqual({
      deleted_by: 'administrator1',
      deletion_reason: 'Nhập trùng hồ sơ',
    });
    expect(engine.store.db.prepare('SELECT count(*) AS n FROM document WHERE dossier_id = ?').get(d.id)).toEqual({ n: 1 });
    expect(engine.verifyAudit()).toMatchObject({ ok: true });
  });
});

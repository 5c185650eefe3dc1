import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { METHOD_NAMES } from '../../src/shared/methods';
import { PERMISSIONS } from '../../src/shared/permissions';
import { ROLES, type Role } from '../../src/shared/roles';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { connect, signedInPerRole, type Connection } from './connection';
import { setTestAgency } from '../support/agency';

const allowed = (role: Role, method: (typeof METHOD_NAMES)[number]) => {
  const access = PERMISSIONS[method];
  return access === 'anyone' || access === 'signed-in' || access.includes(role);
};

describe('what each role may call, enforced by the engine', () => {
  const dir = tempDir();
  let engine: Engine;
  let as: Record<Role, Connection>;
  let dossierId = 0;
  const cccd = '074093513649';

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    as = await signedInPerRole(engine, ROLES);
    const d = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Nguyễn Văn Ánh',
      applicantCccd: cccd,
      applicantPhone: '0912345678',
      receivedDate: '2026-11-20',
    });
    dossierId = d.id;
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('refuses every method but the sign-in ones to a connection that has not signed in', async () => {
    const anonymous = connect(engine);
    for (const method of METHOD_NAMES) {
      const expected = PERMISSIONS[method] === 'anyone' ? 'input.invalid' : 'auth.required';
      expect(await anonymous.probe(method), method).toBe(expected);
    }
  });

  for (const role of ROLES) {
    it(`lets a ${role} call exactly the methods the table gives the role`, async () => {
      const refused: string[] = [];
      for (const method of METHOD_NAMES) {
        const code = await as[role].probe(method);
        if (allowed(role, method)) expect(code, `${role} ${method}`).toBe('input.invalid');
        else {
          expect(code, `${role} ${method}`).toBe('auth.forbidden');
          refused.push(method);
        }
      }
      // Every role is refused something, and nobody but the administrator manages users or deletes.
      expect(refused.length).toBeGreaterThan(0);
      if (role !== 'administrator')
        expect(refused).toEqual(expect.arrayContaining(['user.create', 'user.setRole', 'dossier.delete', 'auth.setPolicy']));
    });
  }

  it('runs the real calls a role may make and refuses the others before anything changes', async () => {
    const dossiersBefore = (await engine.handlers['dossier.list']({ limit: 50, offset: 0 })).total;
    const newDossier = {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Trần Thị Bình',
      applicantCccd: '074190012345',
      receivedDate: '2026-11-21',
    };
    expect(await codeOf(as.supervisor.call('dossier.create', newDossier))).toBe('auth.forbidden');
    expect(await codeOf(as.archivist.call('dossier.create', newDossier))).toBe('auth.forbidden');
    expect(await codeOf(as.administrator.call('dossier.create', newDossier))).toBe('auth.forbidden');
    expect((await engine.handlers['dossier.list']({ limit: 50, offset: 0 })).total).toBe(dossiersBefore);
    const created = await as.clerk.call('dossier.create', newDossier);
    expect(created.applicantCccd).toBe('074190012345');
    expect(await codeOf(as.clerk.call('user.list', {}))).toBe('auth.forbidden');
    expect((await as.administrator.call('user.list', {})).length).toBe(ROLES.length);
    expect(await codeOf(as.clerk.call('audit.list', {}))).toBe('auth.forbidden');
    expect((await as.supervisor.call('audit.list', {})).total).toBeGreaterThan(0);
    expect(await codeOf(as.supervisor.call('document.create', { dossierId }))).toBe('auth.forbidden');
  });

  it('does not send applicants’ personal data to a supervisor', async () => {
    const clerkView = (await as.clerk.call('dossier.list', {})).items.find((d) => d.id === dossierId)!;
    expect(clerkView).toMatchObject({ applicantName: 'Nguyễn Văn Ánh', applicantCccd: cccd, applicantPhone: '0912345678' });

    const list = await as.supervisor.call('dossier.list', {});
    const mine = list.items.find((d) => d.id === dossierId)!;
    expect(mine).toMatchObject({
      code: clerkView.code,
      procedureCode: 'MAU-HT-01',
      applicantName: null,
      applicantCccd: null,
      applicantPhone: null,
      applicantAddress: null,
    });
    expect(JSON.stringify(list)).not.toContain(cccd);
    expect(JSON.stringify(await as.supervisor.call('dossier.get', { id: dossierId }))).not.toContain(cccd);

    expect(await codeOf(as.supervisor.call('search.query', { text: 'nguyen van anh' }))).toBe('search.personal-data');
    const clerkHits = await as.clerk.call('search.query', { text: 'nguyen van anh' });
    expect(JSON.stringify(clerkHits)).toContain('Ánh');
    // Indicators are for everyone.
    expect((await as.supervisor.call('status.get', {})).dossiers).toBeGreaterThan(0);
  });

  it('lets in-process callers (CLI, tests) run as the system principal, audited under its name', async () => {
    const system = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'cli:operator' }));
    try {
      await system.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Lê Văn Cường',
        applicantCccd: '074090054321',
        receivedDate: '2026-11-22',
      });
      expect(system.store.audit.last()).toMatchObject({ action: 'dossier.create', actor: 'cli:operator' });
    } finally {
      await system.close();
    }
  });
});

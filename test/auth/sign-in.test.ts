import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { attachClient } from '../../src/core/transport/engine-session';
import type { RpcEvent, RpcReply } from '../../src/shared/rpc';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { connect, PASSWORD } from './connection';
import { setTestAgency } from '../support/agency';

describe('signing in', () => {
  let dir: ReturnType<typeof tempDir>;
  let engine: Engine;
  let clock: Date;
  const now = () => clock;
  const advance = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };
  const open = () => setTestAgency(Engine.open({ dataDir: dir.path, now }));

  beforeEach(() => {
    dir = tempDir();
    clock = new Date('2026-11-23T08:00:00Z');
    engine = open();
  });
  afterEach(async () => {
    await engine.close();
    dir.remove();
  });

  it('creates the first administrator on first start, and only then', async () => {
    const first = connect(engine);
    expect(await first.call('auth.state', {})).toMatchObject({ hasUsers: false, user: null });
    expect(await codeOf(first.call('dossier.list', {}))).toBe('auth.required');
    const admin = await first.call('auth.setupAdmin', { username: 'Admin', displayName: 'Quản trị', password: PASSWORD });
    expect(admin).toMatchObject({ hasUsers: true, locked: false, user: { username: 'admin', role: 'administrator' } });
    expect(admin.resumeToken.length).toBeGreaterThan(20);
    expect((await first.call('user.list', {})).map((u) => u.username)).toEqual(['admin']);

    const second = connect(engine);
    expect(await codeOf(second.call('auth.setupAdmin', { username: 'admin2', displayName: 'Khác', password: PASSWORD }))).toBe(
      'auth.setup-done',
    );
    expect(engine.store.users.count()).toBe(1);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    await engine.handlers['user.create']({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: PASSWORD });
    const c = connect(engine);
    const wrong = await c.call('auth.login', { username: 'lan', password: 'sai-mat-khau' }).catch((e: Error & { code: string }) => e);
    const unknown = await c
      .call('auth.login', { username: 'khong-co', password: 'sai-mat-khau' })
      .catch((e: Error & { code: string }) => e);
    expect(wrong).toMatchObject({ code: 'auth.invalid-credentials' });
    expect(unknown).toMatchObject({ code: 'auth.invalid-credentials' });
    expect((wrong as Error).message).toBe((unknown as Error).message);
    expect((await c.call('auth.state', {})).user).toBeNull();
    expect((await c.call('auth.login', { username: ' LAN ', password: PASSWORD })).user).toMatchObject({ username: 'lan', role: 'clerk' });
  });

  it('locks an account out after repeated failures, then lets it in again once the period is over', async () => {
    await engine.handlers['user.create']({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: PASSWORD });
    await engine.handlers['auth.setPolicy']({ lockoutAttempts: 3, lockoutMinutes: 15 });
    const c = connect(engine);
    const attempts = [];
    for (let i = 0; i < 3; i++) attempts.push(await codeOf(c.call('auth.login', { username: 'lan', password: `sai-${i}` })));
    expect(attempts).toEqual(['auth.invalid-credentials', 'auth.invalid-credentials', 'auth.locked-out']);
    // The right password does not help while locked out.
    expect(await codeOf(c.call('auth.login', { username: 'lan', password: PASSWORD }))).toBe('auth.locked-out');
    advance(14);
    expect(await codeOf(c.call('auth.login', { username: 'lan', password: PASSWORD }))).toBe('auth.locked-out');
    advance(2);
    expect((await c.call('auth.login', { username: 'lan', password: PASSWORD })).user?.username).toBe('lan');
    expect(engine.store.users.byUsername('lan')).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('locks the session after the idle time, in the engine; the password unlocks it', async () => {
    await engine.handlers['user.create']({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: PASSWORD });
    await engine.handlers['auth.setPolicy']({ idleMinutes: 10 });
    const c = connect(engine);
    await c.call('auth.login', { username: 'lan', password: PASSWORD });
    advance(9);
    expect((await c.call('dossier.list', {})).total).toBe(0);
    advance(9); // 9 minutes since the last call: still active
    expect((await c.call('dossier.list', {})).total).toBe(0);
    advance(10.5);
    expect(await codeOf(c.call('dossier.list', {}))).toBe('auth.locked');
    expect(await c.call('auth.state', {})).toMatchObject({ locked: true, user: { username: 'lan' } });
    expect(await codeOf(c.call('auth.unlock', { password: 'sai' }))).toBe('auth.invalid-credentials');
    expect(await codeOf(c.call('dossier.list', {}))).toBe('auth.locked');
    expect(await c.call('auth.unlock', { password: PASSWORD })).toMatchObject({ locked: false });
    expect((await c.call('dossier.list', {})).total).toBe(0);
    const actions = [...engine.store.audit.iterate()].map((r) => `${r.action}:${r.actor}`);
    expect(actions).toEqual(expect.arrayContaining(['auth.login:lan', 'auth.lock:lan', 'auth.unlock-failed:lan', 'auth.unlock:lan']));
    const idleLock = [...engine.store.audit.iterate()].find((r) => r.action === 'auth.lock')!;
    expect(JSON.parse(idleLock.details)).toEqual({ reason: 'idle' });
  });

  it('locks on request (auth.lock) and ends on sign-out', async () => {
    await engine.handlers['user.create']({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: PASSWORD });
    const c = connect(engine);
    await c.call('auth.login', { username: 'lan', password: PASSWORD });
    expect(await c.call('auth.lock', {})).toMatchObject({ locked: true });
    expect(await codeOf(c.call('status.get', {}))).toBe('auth.locked');
    expect(await c.call('auth.logout', {})).toMatchObject({ user: null, locked: false });
    expect(await codeOf(c.call('status.get', {}))).toBe('auth.required');
  });

  it('lets a reloaded window resume its sign-in, but no sign-in survives an engine restart', async () => {
    await engine.handlers['user.create']({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: PASSWORD });
    const { resumeToken } = await connect(engine).call('auth.login', { username: 'lan', password: PASSWORD });
    const reloaded = connect(engine);
    expect(await codeOf(reloaded.call('status.get', {}))).toBe('auth.required');
    expect((await reloaded.call('auth.resume', { token: resumeToken })).user?.username).toBe('lan');
    expect((await reloaded.call('status.get', {})).dossiers).toBe(0);

    await engine.close();
    engine = open();
    const afterRestart = connect(engine);
    expect(await afterRestart.call('auth.resume', { token: resumeToken })).toMatchObject({ hasUsers: true, user: null });
    expect(await codeOf(afterRestart.call('status.get', {}))).toBe('auth.required');
  });

  it('ends the sign-in of a user who is disabled, and applies a role change at once', async () => {
    await engine.handlers['user.create']({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: PASSWORD });
    const c = connect(engine);
    await c.call('auth.login', { username: 'lan', password: PASSWORD });
    const id = engine.accounts.byUsername('lan')!.id;
    await engine.handlers['user.setRole']({ id, role: 'supervisor' });
    expect(
      await codeOf(
        c.call('dossier.create', {
          procedureCode: 'MAU-HT-01',
          applicantName: 'A',
          applicantCccd: '074093513649',
          receivedDate: '2026-11-23',
        }),
      ),
    ).toBe('auth.forbidden');
    await engine.handlers['user.disable']({ id, disabled: true });
    expect(await codeOf(c.call('status.get', {}))).toBe('auth.required');
    expect(await codeOf(connect(engine).call('auth.login', { username: 'lan', password: PASSWORD }))).toBe('auth.invalid-credentials');
  });

  it('sends engine events only to a connection that is signed in and not locked', async () => {
    await engine.handlers['user.create']({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: PASSWORD });
    const received: (RpcReply | RpcEvent)[] = [];
    const client = attachClient(engine, (m) => received.push(m));
    const events = () => received.filter((m) => m.kind === 'event').length;
    const reply = async (method: string, params: unknown) => {
      await client.receive({ kind: 'call', id: received.length + 1, method, params });
      return received.at(-1) as RpcReply;
    };
    engine.events.emit('dossier.changed', { id: 1 });
    expect(events()).toBe(0);
    expect(await reply('auth.login', { username: 'lan', password: PASSWORD })).toMatchObject({ ok: true });
    engine.events.emit('dossier.changed', { id: 2 });
    expect(events()).toBe(1);
    await reply('auth.lock', {});
    engine.events.emit('dossier.changed', { id: 3 });
    expect(events()).toBe(1);
    expect(await reply('dossier.list', {})).toMatchObject({ ok: false, error: { code: 'auth.locked' } });
    client.detach();
  });

  it('keeps at least one active administrator', async () => {
    const admin = connect(engine);
    await admin.call('auth.setupAdmin', { username: 'admin', displayName: 'Quản trị', password: PASSWORD });
    const id = engine.accounts.byUsername('admin')!.id;
    expect(await codeOf(admin.call('user.setRole', { id, role: 'clerk' }))).toBe('user.last-admin');
    expect(await codeOf(admin.call('user.disable', { id, disabled: true }))).toBe('user.last-admin');
    expect(await codeOf(admin.call('user.create', { username: 'admin', displayName: 'Trùng', role: 'clerk', password: PASSWORD }))).toBe(
      'user.exists',
    );
    expect(await codeOf(admin.call('user.create', { username: 'x', displayName: 'Ngắn', role: 'clerk', password: 'ngan' }))).toBe(
      'input.invalid',
    );
  });
});

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/core/auth/password-hash';
import { Engine } from '../../src/core/engine';
import { runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';

describe('sohoa user', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  afterAll(() => dir.remove());

  it('adds, lists, disables users and resets passwords as the local operator, reading passwords from the environment', async () => {
    const add = runSohoa(
      ['user', 'add', 'lan.nguyen', '--name', 'Nguyễn Thị Lan', '--role', 'clerk', '--pass-env', 'LAN_PASS', '--data-dir', dataDir],
      { LAN_PASS: 'mật-khẩu-của-lan', USER: 'operator' },
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout.trim()).toBe('user lan.nguyen added (clerk)');
    expect(
      runSohoa(['user', 'add', 'admin', '--name', 'Quản trị', '--role', 'administrator', '--pass-env', 'P', '--data-dir', dataDir], {
        P: 'mật-khẩu-quản-trị',
      }).code,
    ).toBe(0);

    const list = runSohoa(['user', 'list', '--json', '--data-dir', dataDir]);
    expect(list.code).toBe(0);
    const users = JSON.parse(list.stdout) as { username: string; role: string; disabled: boolean }[];
    expect(users.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['admin', 'administrator', false],
      ['lan.nguyen', 'clerk', false],
    ]);
    expect(list.stdout).not.toContain('scrypt');

    expect(
      runSohoa(['user', 'reset-password', 'lan.nguyen', '--pass-env', 'NEW', '--data-dir', dataDir], { NEW: 'mật-khẩu-mới-của-lan' }).code,
    ).toBe(0);
    expect(runSohoa(['user', 'disable', 'lan.nguyen', '--data-dir', dataDir]).stdout.trim()).toBe('user lan.nguyen disabled');
    expect(runSohoa(['user', 'list', '--data-dir', dataDir]).stdout).toMatch(/^lan\.nguyen\tclerk\tNguyễn Thị Lan\tdisabled$/m);

    const engine = Engine.open({ dataDir });
    try {
      const lan = engine.store.users.byUsername('lan.nguyen')!;
      expect(await verifyPassword('mật-khẩu-mới-của-lan', lan.passwordHash)).toBe(true);
      expect(await verifyPassword('mật-khẩu-của-lan', lan.passwordHash)).toBe(false);
      const actions = [...engine.store.audit.iterate()].map((e) => [e.action, e.actor, e.subject]);
      expect(actions).toEqual([
        ['user.create', 'cli:operator', 'lan.nguyen'],
        ['user.create', expect.stringMatching(/^cli:/), 'admin'],
        ['user.reset-password', expect.stringMatching(/^cli:/), 'lan.nguyen'],
        ['user.disable', expect.stringMatching(/^cli:/), 'lan.nguyen'],
      ]);
    } finally {
      await engine.close();
    }
  });

  it('refuses bad input with a one-line reason', () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['user', 'add', 'hoa', '--name', 'Lê Thị Hoa', '--role', 'clerk'], {}, /--pass-env/],
      [['user', 'add', 'hoa', '--name', 'Lê Thị Hoa', '--role', 'clerk', '--pass-env', 'UNSET_VAR_X'], {}, /UNSET_VAR_X is not set/],
      [['user', 'add', 'hoa', '--name', 'Lê Thị Hoa', '--role', 'chief', '--pass-env', 'P'], { P: 'đủ-dài-rồi' }, /input\.invalid/],
      [['user', 'add', 'hoa', '--name', 'Lê Thị Hoa', '--role', 'clerk', '--pass-env', 'P'], { P: 'ngắn' }, /password.*at least 8/],
      [['user', 'add', 'lan.nguyen', '--name', 'Trùng', '--role', 'clerk', '--pass-env', 'P'], { P: 'đủ-dài-rồi' }, /user\.exists/],
      [['user', 'disable', 'khong-co'], {}, /user\.not-found/],
      [['user', 'frobnicate'], {}, /expected 'add'/],
    ];
    for (const [args, env, reason] of cases) {
      const r = runSohoa([...args, '--data-dir', dataDir], env);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(reason);
    }
  });
});

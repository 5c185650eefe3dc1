import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePasswordHash, verifyPassword } from '../../src/core/auth/password-hash';
import { Engine } from '../../src/core/engine';
import { tempDir } from '../support/temp-dir';

describe('stored passwords', () => {
  const dir = tempDir();
  let engine: Engine;
  beforeAll(() => {
    engine = Engine.open({ dataDir: dir.path });
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('keeps a salted scrypt hash with its parameters, never the password', async () => {
    const password = 'Một mật khẩu dài 2026';
    await engine.handlers['user.create']({ username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'clerk', password });
    await engine.handlers['user.create']({ username: 'minh.tran', displayName: 'Trần Văn Minh', role: 'clerk', password });
    const rows = engine.store.db.prepare('SELECT username, password_hash AS hash FROM user ORDER BY username').all() as {
      username: string;
      hash: string;
    }[];
    expect(rows).toHaveLength(2);
    for (const { hash } of rows) {
      expect(hash).not.toContain(password);
      expect(hash).not.toContain(Buffer.from(password).toString('base64'));
      const parsed = parsePasswordHash(hash)!;
      expect(parsed.N).toBeGreaterThanOrEqual(2 ** 15);
      expect(parsed.r).toBeGreaterThanOrEqual(8);
      expect(parsed.salt.length).toBeGreaterThanOrEqual(16);
      expect(await verifyPassword(password, hash)).toBe(true);
      expect(await verifyPassword(`${password} `, hash)).toBe(false);
    }
    // Same password, different salt: different hashes.
    expect(rows[0]!.hash).not.toBe(rows[1]!.hash);
  });

  it('checks against the parameters stored with the hash, so a weaker legacy cost still verifies', async () => {
    const stored = engine.store.users.byUsername('lan.nguyen')!.passwordHash;
    const parsed = parsePasswordHash(stored)!;
    expect(stored.startsWith(`scrypt$N=${parsed.N},r=${parsed.r},p=${parsed.p}$`)).toBe(true);
    // A hash made with N = 2^14 by hand verifies with its own parameters.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync('cũ-nhưng-đúng', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const legacy = `scrypt$N=16384,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('cũ-nhưng-đúng', legacy)).toBe(true);
    expect(await verifyPassword('sai', legacy)).toBe(false);
  });

  it('never matches a missing or malformed hash', async () => {
    expect(await verifyPassword('', null)).toBe(false);
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$N=1000,r=8,p=1$AAAA$AAAA')).toBe(false);
  });
});

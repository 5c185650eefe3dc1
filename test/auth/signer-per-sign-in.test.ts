import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { connect, PASSWORD, type Connection } from './connection';

/** The certificate a user unlocks belongs to that sign-in: nobody else signs with it, and it closes with it. */
describe('the signer belongs to the sign-in that unlocked it', () => {
  let pki: TestPki;
  let dir: ReturnType<typeof tempDir>;
  let engine: Engine;
  let clock: Date;
  const now = () => clock;

  async function signedIn(username: string, role: 'clerk' | 'archivist'): Promise<Connection> {
    if (!engine.accounts.byUsername(username))
      await engine.handlers['user.create']({ username, displayName: username, role, password: PASSWORD });
    const c = connect(engine);
    await c.call('auth.login', { username, password: PASSWORD });
    return c;
  }
  const unlock = (c: Connection) => c.call('signer.unlock', { p12Path: pki.signerP12, password: pki.password });
  const unlocked = async (c: Connection) => (await c.call('signer.status', {})).unlocked;

  beforeAll(() => {
    pki = createTestPki();
  });
  afterAll(() => pki.cleanup());
  beforeEach(() => {
    dir = tempDir();
    clock = new Date('2026-11-23T08:00:00Z');
    engine = Engine.open({ dataDir: dir.path, now });
  });
  afterEach(async () => {
    await engine.close();
    dir.remove();
  });

  it('is not open for another user, and closes at sign-out', async () => {
    const clerk = await signedIn('lan', 'clerk');
    expect((await unlock(clerk)).subject).toBe(pki.signerCommonName);
    const archivist = await signedIn('minh', 'archivist');
    expect(await unlocked(archivist)).toBe(false);
    expect(await unlocked(clerk)).toBe(true);

    await clerk.call('auth.logout', {});
    await clerk.call('auth.login', { username: 'lan', password: PASSWORD });
    expect(await unlocked(clerk)).toBe(false);
  });

  it('closes at the screen lock, asked for or after the idle time', async () => {
    const clerk = await signedIn('lan', 'clerk');
    await unlock(clerk);
    await clerk.call('auth.lock', {});
    await clerk.call('auth.unlock', { password: PASSWORD });
    expect(await unlocked(clerk)).toBe(false);

    await unlock(clerk);
    clock = new Date(clock.getTime() + 11 * 60_000);
    expect(await codeOf(clerk.call('signer.status', {}))).toBe('auth.locked');
    await clerk.call('auth.unlock', { password: PASSWORD });
    expect(await unlocked(clerk)).toBe(false);
  });

  it('stays open for the same user through a window reload (a resumed sign-in)', async () => {
    const clerk = connect(engine);
    await engine.handlers['user.create']({ username: 'lan', displayName: 'lan', role: 'clerk', password: PASSWORD });
    const { resumeToken } = await clerk.call('auth.login', { username: 'lan', password: PASSWORD });
    await unlock(clerk);
    const reloaded = connect(engine);
    await reloaded.call('auth.resume', { token: resumeToken });
    expect(await unlocked(reloaded)).toBe(true);
  });
});

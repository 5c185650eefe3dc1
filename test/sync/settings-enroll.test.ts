import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Engine } from '../../src/core/engine';
import { CredentialRepository } from '../../src/hub/credential-repository';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { freePort, startPostgres, type TestPostgres } from '../hub/support/postgres';
import { spawnHub, type HubProcess } from '../hub/support/hub-harness';

/** Enrollment from Settings (`sync.enroll`): the hub's address and a one-time code give the workstation its credential, once. */
describe('sync.enroll with a one-time code', () => {
  let postgres: TestPostgres;
  let pool: pg.Pool;
  let hub: HubProcess;
  const blobs = tempDir('sohoa-enroll-blobs-');
  const desks = [tempDir('sohoa-enroll-a-'), tempDir('sohoa-enroll-b-')];

  beforeAll(async () => {
    postgres = await startPostgres();
    const dbUrl = await postgres.createDatabase('hub_enroll');
    pool = new pg.Pool({ connectionString: dbUrl });
    hub = await spawnHub(dbUrl, blobs.path, await freePort());
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGKILL');
    await pool?.end();
    postgres?.stop();
    for (const d of [blobs, ...desks]) d.remove();
  });

  it('stores the credential the hub issues for the code, and a spent code is refused', { timeout: 60_000 }, async () => {
    const code = await new CredentialRepository(pool).issueCode();
    const first = Engine.open({ dataDir: desks[0]!.path });
    const second = Engine.open({ dataDir: desks[1]!.path });
    try {
      first.settings.set([{ key: 'workstation.name', value: 'Quầy 3' }], { kind: 'system', name: 'test' }, 'test');
      expect((await first.handlers['sync.status']({})).configured).toBe(false);
      const status = await first.handlers['sync.enroll']({ hubUrl: `${hub.url}/`, code });
      expect(status).toMatchObject({ configured: true, hubUrl: hub.url });
      const credentials = first.sync.status();
      expect(credentials.configured).toBe(true);

      // The hub holds the code hashed and spent, and a credential named after the workstation.
      const { rows: codes } = await pool.query<{ code_hash: string; used_at: Date | null }>(
        'SELECT code_hash, used_at FROM enrollment_code',
      );
      expect(codes).toHaveLength(1);
      expect(codes[0]!.code_hash).not.toBe(code);
      expect(codes[0]!.used_at).not.toBeNull();
      const { rows: creds } = await pool.query<{ name: string }>('SELECT name FROM credential');
      expect(creds.map((c) => c.name)).toContain('Quầy 3');
      expect([...first.store.audit.iterate()].filter((e) => e.action === 'sync.enroll').map((e) => e.subject)).toEqual([hub.url]);

      expect(await codeOf(Promise.resolve().then(() => second.handlers['sync.enroll']({ hubUrl: hub.url, code })))).toMatch(/^sync\./);
      expect((await second.handlers['sync.status']({})).configured).toBe(false);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

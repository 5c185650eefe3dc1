import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, migrateHub } from '../../src/hub/hub-database';
import { hubMigrations } from '../../src/hub/hub-schema';
import { CredentialRepository } from '../../src/hub/credential-repository';
import { foldPendingFigures } from '../../src/hub/progress-figure-fold';
import { RecordCommitter } from '../../src/hub/record-committer';
import { runSohoa } from '../support/cli';
import { startPostgres, type TestPostgres } from './support/postgres';

/** `sohoa hub --audit`'s lines: sequence, time, who, what, whom, details. */
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [seq, at, actor, action, subject, details] = line.split('\t');
      return {
        seq: Number(seq),
        at: at!,
        actor: actor!,
        action: action!,
        subject: subject!,
        details: JSON.parse(details!) as Record<string, unknown>,
      };
    });

describe("the hub's own audit log", () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  it('records codes issued, enrolments, revocations and rebuilds of the figures, hash-chained; `sohoa hub --audit` lists them and finds an altered event', async () => {
    const url = await postgres.createDatabase('hub_audit');
    const pool = createPool(url);
    try {
      // A hub made before the log (schema 5) gets it on its next start.
      await migrateHub(
        pool,
        hubMigrations.filter((m) => m.version <= 5),
      );
      expect(await migrateHub(pool)).toBeGreaterThanOrEqual(6);
      const empty = runSohoa(['hub', '--audit', '--db', url]);
      expect(empty.code, empty.stderr).toBe(0);
      expect(empty.stdout).toBe('');
      expect(empty.stderr).toContain('0 events, hash chain intact');

      const issued = runSohoa(['hub', 'issue-code', '--db', url]);
      expect(issued.code, issued.stderr).toBe(0);
      const code = issued.stdout.trim();
      const credentials = new CredentialRepository(pool);
      const { workstationId } = await credentials.enroll(code, 'Một cửa phường Phú Cường');
      // A code spent twice: refused, and nothing logged for it.
      await expect(credentials.enroll(code, 'again')).rejects.toMatchObject({ code: 'sync.enrollment-invalid' });
      const revoked = runSohoa(['hub', 'revoke', workstationId, '--db', url]);
      expect(revoked.code, revoked.stderr).toBe(0);
      // Revoking again changes nothing, and logs nothing.
      expect(runSohoa(['hub', 'revoke', workstationId, '--db', url]).code).toBe(1);

      await new RecordCommitter(pool).commitMany(
        'ws-1',
        [
          {
            documentKey: 'HS-1/1',
            version: 1,
            sha256: 'a'.repeat(64),
            size: 1000,
            dossierCode: 'HS-1',
            procedureCode: '1.001',
            agencyCode: 'H12',
            year: 2021,
            status: 'finalized',
            signedAt: null,
          },
        ],
        'bag',
      );
      // Folded into the kept rows (schema 8), which the hand correction then changes.
      await foldPendingFigures(pool);
      await pool.query(`UPDATE progress_aggregate SET records = records + 2 WHERE dimension = 'total'`);
      expect(runSohoa(['hub', '--verify', '--db', url]).code).toBe(1);
      const rebuilt = runSohoa(['hub', '--verify', '--rebuild', '--db', url]);
      expect(rebuilt.stderr).toContain('differences after: 0');

      const listed = runSohoa(['hub', '--audit', '--db', url]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stderr).toContain('4 events, hash chain intact');
      const log = events(listed.stdout);
      const operator = `cli:${(await import('node:os')).userInfo().username}`;
      expect(log.map((e) => [e.seq, e.actor.startsWith('code:') ? 'code' : e.actor, e.action, e.subject])).toEqual([
        [1, operator, 'hub.code-issued', '-'],
        [2, 'code', 'hub.workstation-enrolled', workstationId],
        [3, operator, 'hub.workstation-revoked', workstationId],
        [4, operator, 'hub.figures-rebuilt', '-'],
      ]);
      // The enrolment names the code it spent as the issue did, never the code itself.
      expect(log[1]!.actor).toBe(`code:${String(log[0]!.details.code)}`);
      expect(listed.stdout).not.toContain(code);
      expect(log[1]!.details).toMatchObject({ role: 'workstation', name: 'Một cửa phường Phú Cường' });
      expect(log[2]!.details).toEqual({ credentials: 1 });
      expect(log[3]!.details).toEqual({ differencesFound: 1 });
      for (const e of log) expect(Math.abs(Date.parse(e.at) - Date.now())).toBeLessThan(10 * 60_000);

      // Append-only: a change is refused; one made behind the trigger's back breaks the chain, and --audit says where.
      await expect(pool.query(`UPDATE hub_audit SET subject = 'another' WHERE seq = 3`)).rejects.toThrow(/append-only/);
      await expect(pool.query(`DELETE FROM hub_audit WHERE seq = 4`)).rejects.toThrow(/append-only/);
      await pool.query('ALTER TABLE hub_audit DISABLE TRIGGER hub_audit_append_only');
      await pool.query(`UPDATE hub_audit SET subject = 'another' WHERE seq = 3`);
      const altered = runSohoa(['hub', '--audit', '--db', url]);
      expect(altered.code).toBe(1);
      expect(altered.stderr).toContain('altered at event 3 (hash)');
      await pool.query(`DELETE FROM hub_audit WHERE seq = 2`);
      const cut = runSohoa(['hub', '--audit', '--db', url]);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain('altered at event 3 (sequence)');
      expect(runSohoa(['hub', '--audit', '--verify', '--db', url]).code).toBe(2);
    } finally {
      await pool.end();
    }
  }, 480_000);
});

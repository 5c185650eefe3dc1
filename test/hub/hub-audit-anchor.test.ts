import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFileIn } from '../../src/hub/hub-audit-anchor';
import { runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { startTestHub } from './support/hub-harness';
import { startPostgres, type TestPostgres } from './support/postgres';

/**
 * The hub's audit log head is kept outside PostgreSQL, beside the hub's data: deleting its last events
 * by SQL no longer leaves a chain that verifies. A torn anchor reads as damaged, not as tampering.
 */
describe("the hub's audit log anchored outside the database", () => {
  let postgres: TestPostgres;
  const blobs = tempDir('sohoa-hub-anchor-');
  const anchorFile = anchorFileIn(blobs.path);
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => {
    postgres?.stop();
    blobs.remove();
  });

  const audit = (url: string) => runSohoa(['hub', '--audit', '--db', url, '--blobs', blobs.path]);
  const issueCode = (url: string) => runSohoa(['hub', 'issue-code', '--db', url, '--blobs', blobs.path]);
  const anchored = () => JSON.parse(readFileSync(anchorFile, 'utf8')) as { seq: number; hash: string };

  it('an intact log verifies against the anchor; its last events deleted by SQL, or the anchored one replaced, fail with their own codes', async () => {
    const url = await postgres.createDatabase('hub_anchor');
    // Events from the command line and from the running hub (an enrolment) both move the anchor.
    expect(issueCode(url).code).toBe(0);
    const hub = await startTestHub(url, blobs.path, { auditAnchorFile: anchorFile });
    try {
      const code = await hub.hub.credentials.issueCode();
      await hub.hub.credentials.enroll(code, 'Một cửa phường Phú Cường');
    } finally {
      await hub.close();
    }
    expect(issueCode(url).code).toBe(0);
    expect(anchored().seq).toBe(4);

    const intact = audit(url);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stderr).toContain('4 events, hash chain intact');
    expect(intact.stderr).not.toContain('not checked against the anchor');

    // An operator with SQL access (the append-only trigger switched off) deletes the last two events.
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: url });
    try {
      await pool.query('ALTER TABLE hub_audit DISABLE TRIGGER hub_audit_append_only');
      await pool.query('DELETE FROM hub_audit WHERE seq >= 3');
      const cut = audit(url);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain('[hub.audit-truncated]');
      expect(cut.stderr).toContain('2 events');

      // A new event appended after the cut does not move the anchor that shows it.
      expect(issueCode(url).code).toBe(0);
      expect(anchored().seq).toBe(4);
      expect(audit(url).stderr).toContain('[hub.audit-truncated]');
      // Another one fills the anchored number again, with other contents: the log was rewritten.
      expect(issueCode(url).code).toBe(0);
      const rewritten = audit(url);
      expect(rewritten.code).toBe(1);
      expect(rewritten.stderr).toContain('[hub.audit-rewritten]');
    } finally {
      await pool.end();
    }
  }, 300_000);

  it('a torn anchor reads as damaged and is kept as it is; a missing one is an error once the log has events', async () => {
    const url = await postgres.createDatabase('hub_anchor_torn');
    rmSync(anchorFile, { force: true });
    const empty = audit(url);
    expect(empty.code, empty.stderr).toBe(0);
    expect(issueCode(url).code).toBe(0);
    expect(issueCode(url).code).toBe(0);
    expect(audit(url).code).toBe(0);

    const whole = readFileSync(anchorFile, 'utf8');
    writeFileSync(anchorFile, whole.slice(0, whole.length / 2));
    const torn = audit(url);
    expect(torn.code).toBe(1);
    expect(torn.stderr).toContain('[hub.audit-anchor-damaged]');
    expect(torn.stderr).not.toContain('[hub.audit-truncated]');
    // The next event leaves the damaged anchor for the operator to look at.
    expect(issueCode(url).code).toBe(0);
    expect(readFileSync(anchorFile, 'utf8')).toBe(whole.slice(0, whole.length / 2));

    rmSync(anchorFile);
    const missing = audit(url);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[hub.audit-anchor-missing]');
  }, 300_000);
});

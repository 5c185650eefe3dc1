import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Engine } from '../../src/core/engine';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { HubClient } from '../../src/core/sync/hub-client';
import { runSohoaHere } from '../support/cli-here';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';

let postgres: TestPostgres;
let hub: TestHub;
let pool: pg.Pool;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('hub_audit');
  pool = new pg.Pool({ connectionString: url });
  const blobs = tempDir('sohoa-hub-blobs-');
  dirs.push(blobs);
  hub = await startTestHub(url, blobs.path);
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await pool?.end();
  postgres?.stop();
  for (const d of dirs) d.remove();
});

/** An enrolled workstation with a few events in its log, synced once (nothing to send but its head). */
async function syncedWorkstation(): Promise<{ dir: string; workstationId: string; headSeq: number }> {
  const dir = tempDir('sohoa-ws-');
  dirs.push(dir);
  const engine = Engine.open({ dataDir: dir.path });
  try {
    const sync = new WorkstationSync(engine);
    await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'desk');
    for (let i = 1; i <= 5; i++) engine.audit.append({ actor: 'clerk1', action: 'dossier.update', subject: `HS-${i}`, details: { i } });
    const summary = await sync.send({ maxWaitMs: 1000 });
    expect(summary.auditHead).toEqual({ sent: true, seq: engine.audit.head().seq });
    return { dir: dir.path, workstationId: sync.credentials()!.workstationId, headSeq: engine.audit.head().seq };
  } finally {
    engine.close();
  }
}

/** What someone holding the data key can do: remove the log's last events, add others, anchor the result. */
function rewriteLog(dataDir: string, removeFrom: number, addEvents: number): void {
  const db = openRawDatabase(dataDir);
  db.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete;');
  db.prepare('DELETE FROM audit_event WHERE seq >= ?').run(removeFrom);
  db.close();
  const engine = Engine.open({ dataDir });
  try {
    for (let i = 0; i < addEvents; i++) engine.audit.append({ actor: 'clerk1', action: 'dossier.update', subject: `FORGED-${i}` });
    engine.reAnchorAudit('attacker');
  } finally {
    engine.close();
  }
}

describe('the audit log head kept by the hub', () => {
  it('is stored in PostgreSQL with every sync, and `audit verify --hub` finds the local log still holds it', async () => {
    const ws = await syncedWorkstation();
    const { rows } = await pool.query<{ seq: string }>('SELECT seq FROM audit_head WHERE workstation_id = $1', [ws.workstationId]);
    expect(rows.map((r) => Number(r.seq))).toEqual([ws.headSeq]);
    const r = await runSohoaHere(['audit', 'verify', '--data-dir', ws.dir, '--hub', hub.url, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, hubHead: { seq: ws.headSeq } });
  });

  it('catches a log rewritten since the last sync by someone with the key, which the local check alone calls intact', async () => {
    const ws = await syncedWorkstation();
    // More events than were removed: the head is past the hub's, and the local anchor was redone.
    rewriteLog(ws.dir, ws.headSeq - 2, 6);
    const local = await runSohoaHere(['audit', 'verify', '--data-dir', ws.dir, '--json']);
    expect(local.code).toBe(0);
    const r = await runSohoaHere(['audit', 'verify', '--data-dir', ws.dir, '--hub', hub.url, '--json']);
    expect(r.code).toBe(1);
    const verdict = JSON.parse(r.stdout);
    expect(verdict).toMatchObject({ ok: false, reason: 'rewritten-since-sync', brokenAt: ws.headSeq, hubHead: { seq: ws.headSeq } });
    expect(verdict.error.code).toBe('audit.rewritten-since-sync');
    const plain = await runSohoaHere(['audit', 'verify', '--data-dir', ws.dir, '--hub', hub.url]);
    expect(plain.stderr).toMatch(/cut or rewritten since \[audit\.rewritten-since-sync\]/);
  });

  it('refuses at the next sync a head that goes back, and keeps the one it saw', async () => {
    const ws = await syncedWorkstation();
    rewriteLog(ws.dir, ws.headSeq - 3, 0);
    const engine = Engine.open({ dataDir: ws.dir });
    try {
      const sync = new WorkstationSync(engine);
      const summary = await sync.send({ maxWaitMs: 1000 });
      expect(engine.audit.head().seq).toBeLessThan(ws.headSeq);
      expect(summary.auditHead).toMatchObject({ sent: false, code: 'sync.audit-log-rewritten' });
      const token = sync.credentials()!.token;
      expect((await new HubClient(hub.url, token).lastAuditHead())?.seq).toBe(ws.headSeq);
    } finally {
      engine.close();
    }
  });

  it('refuses another hash at a sequence it already saw', async () => {
    const ws = await syncedWorkstation();
    const engine = Engine.open({ dataDir: ws.dir });
    const token = new WorkstationSync(engine).credentials()!.token;
    engine.close();
    const client = new HubClient(hub.url, token);
    await expect(client.reportAuditHead({ seq: ws.headSeq, hash: 'f'.repeat(64) })).rejects.toMatchObject({
      code: 'sync.audit-log-rewritten',
      status: 409,
    });
    await expect(new HubClient(hub.url, null).lastAuditHead()).rejects.toMatchObject({ code: 'sync.unauthorized' });
  });
});

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Engine } from '../../src/core/engine';
import type { Db } from '../../src/core/store/database';
import { PageRepository } from '../../src/core/store/page-repository';
import { summaryDifferences } from '../../src/core/store/summary-check';
import { startWsServer } from '../../src/core/transport/ws-server';
import type { RpcReply } from '../../src/shared/rpc';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';
import { randomWrites, seedStore } from './summary-writes';

/** Enough rows that the check takes many slices: dossiers of two documents, five pages each, some flagged, some signed. */
function fill(db: Db, dossiers: number): void {
  const at = new Date().toISOString();
  const dossier = db.prepare(
    `INSERT INTO dossier (code, kind, procedure_code, received_date, due_date, status, workstation_id, created_at, updated_at)
     VALUES (?, 'intake', 'TT-1', ?, ?, 'received', 'ws-1', ?, ?)`,
  );
  const document = db.prepare('INSERT INTO document (dossier_id, position, is_result, created_at) VALUES (?, ?, 0, ?)');
  const page = db.prepare(
    `INSERT INTO page (document_id, position, image_sha256, ocr_confidence, flags, state, created_at) VALUES (?, ?, ?, ?, ?, 'read', ?)`,
  );
  const record = db.prepare(
    `INSERT INTO record (document_id, version, pdf_sha256, signed, signed_at, created_at) VALUES (?, 1, ?, 1, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < dossiers; i++) {
      const dossierId = dossier.run(`SLICE-${i}`, at.slice(0, 10), at.slice(0, 10), at, at).lastInsertRowid;
      for (let k = 1; k <= 2; k++) {
        const documentId = document.run(dossierId, k, at).lastInsertRowid;
        for (let p = 1; p <= 5; p++)
          page.run(documentId, p, `s-${documentId}-${p}`, 70 + p, p === 3 && i % 4 === 0 ? '["low-dpi"]' : '[]', at);
        if (i % 3 === 0) record.run(documentId, `pdf-${documentId}`, at, at);
      }
    }
  })();
}

/** A WebSocket client of the engine's browser transport: each call resolves with its reply. */
async function connect(url: string, origin: string) {
  const ws = new WebSocket(url, { headers: { Origin: origin } });
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  const waiting = new Map<number, (reply: RpcReply) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as RpcReply | { kind: 'event' };
    if (message.kind === 'reply') waiting.get(message.id)?.(message);
  });
  let nextId = 1;
  const call = (method: string, params: unknown) =>
    new Promise<RpcReply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ kind: 'call', id, method, params }));
    });
  return { call, close: () => ws.close() };
}

describe('the summary check at start, in slices', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('lets the engine answer calls and take writes while it runs, then rebuilds what differed and audits it', async () => {
    const engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'busy') }));
    const db = engine.store.db;
    seedStore(db);
    fill(db, 2500);
    randomWrites(db, 3, 300);
    // Two summary rows edited behind the triggers' back, one near each end of the keys.
    const low = db.prepare('SELECT document_id AS id, pages FROM document_summary WHERE pages > 0 ORDER BY document_id LIMIT 1').get() as {
      id: number;
      pages: number;
    };
    db.prepare('UPDATE document_summary SET pages = pages + 3 WHERE document_id = ?').run(low.id);
    const flagged = db.prepare('SELECT document_id AS id, flag FROM document_flag ORDER BY document_id DESC LIMIT 1').get() as {
      id: number;
      flag: string;
    };
    db.prepare('DELETE FROM document_flag WHERE document_id = ? AND flag = ?').run(flagged.id, flagged.flag);
    // Its day's pages per flag still count it (no trigger follows a flag count deleted with pages left): that row differs too.
    const flaggedDay = db
      .prepare(
        `SELECT k.kind, coalesce(k.received_date, '') AS received_date, ? AS flag FROM document_summary s JOIN dossier_summary k ON k.dossier_id = s.dossier_id
         WHERE s.document_id = ? AND k.live = 1`,
      )
      .get(flagged.flag, flagged.id);
    expect(flaggedDay).toBeDefined();

    const server = await startWsServer({ engine });
    const client = await connect(server.wsUrl, server.url);
    const pages = new PageRepository(db);
    const target = db.prepare('SELECT id FROM document ORDER BY id DESC LIMIT 1').pluck().get() as number;
    let done = false;
    const check = engine.checkSummariesInBackground().finally(() => (done = true));
    let answered = 0;
    let written = 0;
    while (!done) {
      const reply = await client.call('auth.state', {});
      expect(reply).toMatchObject({ ok: true });
      if (!done) answered++;
      // A write between two slices: the triggers keep it, and the check must not take it for a difference.
      db.transaction(() => pages.addPage(target, `during-check-${written++}`, null))();
    }
    const result = await check;
    client.close();
    await server.close();

    expect(answered).toBeGreaterThanOrEqual(5);
    expect(result.slices).toBeGreaterThan(5);
    expect(result.stopped).toBe(false);
    expect(result.rebuilt).toBe(true);
    expect(result.differences.map((d) => [d.table, d.key])).toEqual([
      ['document_summary', { document_id: low.id }],
      ['document_flag', { document_id: flagged.id, flag: flagged.flag }],
      ['dossier_day_flag', flaggedDay],
    ]);
    expect(result.differences[0]).toMatchObject({ kept: { pages: low.pages + 3 }, recounted: { pages: low.pages } });
    expect(summaryDifferences(db)).toEqual([]);
    expect(db.prepare('SELECT pages FROM document_summary WHERE document_id = ?').pluck().get(target)).toBe(
      db.prepare('SELECT count(*) FROM page WHERE document_id = ?').pluck().get(target),
    );
    const events = db.prepare(`SELECT details FROM audit_event WHERE action = 'summary.rebuilt'`).pluck().all() as string[];
    expect(events.map((e) => JSON.parse(e) as unknown)).toEqual([
      expect.objectContaining({ differences: 3, perTable: { document_summary: 1, document_flag: 1, dossier_day_flag: 1 } }),
    ]);
    expect(engine.verifyAudit().ok).toBe(true);
    await engine.close();
  }, 240_000);

  it('finds nothing on summaries that hold, records nothing, and stops when the engine closes mid-way', async () => {
    const engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'clean') }));
    seedStore(engine.store.db);
    fill(engine.store.db, 1500);
    const clean = await engine.checkSummariesInBackground();
    expect(clean).toMatchObject({ differences: [], rebuilt: false, stopped: false });
    expect(clean.slices).toBeGreaterThan(3);
    // The summaries keyed by day are summed over ranges of dossiers too, not read whole in one go.
    expect(clean.slicesPerTable['dossier_day_summary']).toBeGreaterThan(1);
    expect(clean.slicesPerTable['dossier_day_flag']).toBeGreaterThan(1);
    expect(engine.store.db.prepare(`SELECT count(*) FROM audit_event WHERE action = 'summary.rebuilt'`).pluck().get()).toBe(0);

    // A day row edited by hand: the sums over the slices no longer match it, and the comparison in one read names it.
    const day = engine.store.db
      .prepare('SELECT kind, received_date, open_due, pages FROM dossier_day_summary WHERE pages > 0 LIMIT 1')
      .get() as {
      pages: number;
    };
    engine.store.db
      .prepare(
        'UPDATE dossier_day_summary SET pages = pages - 1 WHERE kind = @kind AND received_date = @received_date AND open_due = @open_due',
      )
      .run(day);
    const edited = await engine.checkSummariesInBackground();
    const { pages, ...dayKey } = day;
    expect(edited).toMatchObject({ rebuilt: true, stopped: false });
    expect(edited.differences).toEqual([
      {
        table: 'dossier_day_summary',
        key: dayKey,
        kept: expect.objectContaining({ pages: pages - 1 }),
        recounted: expect.objectContaining({ pages }),
      },
    ]);
    expect(summaryDifferences(engine.store.db)).toEqual([]);

    engine.store.db.prepare('UPDATE dossier_summary SET components = components + 1 WHERE dossier_id = 1').run();
    const running = engine.checkSummariesInBackground();
    await engine.close();
    await expect(running).resolves.toMatchObject({ rebuilt: false, stopped: true });
  }, 240_000);
});

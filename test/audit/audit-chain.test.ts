import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { auditAnchorPath } from '../../src/core/security/key-file';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { runSohoa } from '../support/cli';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

describe('hash-chained audit log', () => {
  let dir: ReturnType<typeof tempDir>;

  beforeEach(() => {
    dir = tempDir();
    const engine = Engine.open({ dataDir: dir.path });
    for (let i = 1; i <= 4; i++) engine.audit.append({ actor: 'clerk1', action: 'dossier.update', subject: `HS-${i}`, details: { i } });
    engine.close();
  });
  afterEach(() => dir.remove());

  /** Edits the database behind the app's back, as someone with the file would. */
  function tamper(sql: string) {
    const db = openRawDatabase(dir.path);
    db.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete;');
    db.exec(sql);
    db.close();
  }

  it('refuses updates and deletes through SQL', () => {
    const db = openRawDatabase(dir.path);
    expect(() => db.exec(`UPDATE audit_event SET actor = 'x' WHERE seq = 1`)).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_event WHERE seq = 1')).toThrow(/append-only/);
    db.close();
  });

  it('verifies an intact log', () => {
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 events');
  });

  it('finds an edited event', () => {
    tamper(`UPDATE audit_event SET actor = 'someone-else' WHERE seq = 2`);
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash' });
    expect(r.stderr).toMatch(/broken at event 2/);
  });

  it('finds a removed event', () => {
    tamper('DELETE FROM audit_event WHERE seq = 3');
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('finds the last events removed, by the anchor kept outside the database', () => {
    tamper('DELETE FROM audit_event WHERE seq >= 3');
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, events: 2, brokenAt: 3, reason: 'truncated' });
    expect(r.stderr).toMatch(/removed from the end/);
    // The check itself moves nothing: asked again, it still finds them gone.
    expect(runSohoa(['audit', 'verify', '--data-dir', dir.path]).code).toBe(1);
  });

  it('finds an anchor file edited to match a shortened log', () => {
    tamper('DELETE FROM audit_event WHERE seq = 4');
    const file = auditAnchorPath(dir.path);
    const anchor = JSON.parse(readFileSync(file, 'utf8')) as { seq: number };
    writeFileSync(file, JSON.stringify({ ...anchor, seq: 3 }));
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, reason: 'anchor-forged' });
  });

  it('finds reordered events even with their sequence numbers swapped back', () => {
    tamper(`
      UPDATE audit_event SET seq = 100 WHERE seq = 2;
      UPDATE audit_event SET seq = 2 WHERE seq = 3;
      UPDATE audit_event SET seq = 3 WHERE seq = 100;`);
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).ok).toBe(false);
  });

  it('keeps the anchor outside the data directory, beside the key file', () => {
    const file = auditAnchorPath(dir.path);
    expect(existsSync(file)).toBe(true);
    expect(relative(dir.path, file).startsWith('..')).toBe(true);
    expect(existsSync(join(dir.path, 'audit-anchor.json'))).toBe(false);
  });

  it('calls a missing anchor an error, never intact, even with the last events removed to match', () => {
    tamper('DELETE FROM audit_event WHERE seq >= 3');
    rmSync(auditAnchorPath(dir.path));
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, reason: 'anchor-missing' });
    // Opening the store again does not quietly make a new anchor over the shortened log.
    expect(runSohoa(['audit', 'verify', '--data-dir', dir.path]).code).toBe(1);
  });

  it('reads a torn anchor as damaged, not forged, and re-anchors from an intact log on request', () => {
    const file = auditAnchorPath(dir.path);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 20));
    const r = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, reason: 'anchor-damaged' });
    expect(r.stderr).toContain('sohoa audit re-anchor');
    const again = runSohoa(['audit', 're-anchor', '--data-dir', dir.path]);
    expect(again.code).toBe(0);
    const after = runSohoa(['audit', 'verify', '--data-dir', dir.path, '--json']);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual({ ok: true, events: 5 });
    const db = openRawDatabase(dir.path);
    expect(db.prepare('SELECT action FROM audit_event WHERE seq = 5').get()).toEqual({ action: 'audit.re-anchor' });
    db.close();
  });

  it('will not re-anchor a log whose chain is broken', () => {
    tamper(`UPDATE audit_event SET actor = 'someone-else' WHERE seq = 2`);
    rmSync(auditAnchorPath(dir.path));
    const r = runSohoa(['audit', 're-anchor', '--data-dir', dir.path, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, reason: 'hash' });
  });
});

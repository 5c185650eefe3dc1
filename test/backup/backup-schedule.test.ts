import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_MANIFEST, checkBackup } from '../../src/core/backup/backup';
import { Engine } from '../../src/core/engine';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

const HOUR = 60 * 60 * 1000;
const system = { kind: 'system', name: 'test' } as const;

/** The files a backup's manifest lists, with their hashes, read without the code under test. */
function manifestOf(folder: string): Map<string, string> {
  const lines = readFileSync(join(folder, BACKUP_MANIFEST), 'utf8').split('\n').filter(Boolean);
  return new Map(lines.map((l) => [l.slice(66), l.slice(0, 64)]));
}

async function until<T>(read: () => T | null | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('backup.schedule', () => {
  const dir = tempDir('sohoa-backup-schedule-');
  const dataDir = join(dir.path, 'data');
  const destination = join(dir.path, 'usb');
  const t0 = new Date('2026-12-01T09:00:00.000Z');
  let clock = t0;
  const now = () => clock;
  let blobs: string[] = [];

  beforeAll(async () => {
    const engine = setTestAgency(Engine.open({ dataDir, now }));
    await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Phạm Văn Đông',
      applicantCccd: '074093513649',
      receivedDate: '2021-04-02',
    });
    blobs = ['trang 1', 'trang 2'].map((t) => engine.store.blobs.put(Buffer.from(t)));
    engine.settings.set(
      [
        { key: 'backup.destination', value: destination },
        { key: 'backup.schedule', value: 'daily' },
      ],
      system,
      'test',
    );
    // The last backup, by hand, at t0; then the app is closed for more than a day.
    await engine.handlers['backup.run']({});
    await engine.close();
  });
  afterAll(() => dir.remove());

  it('makes up a missed daily backup at start, in the background with progress, checked against its manifest', async () => {
    clock = new Date(t0.getTime() + 30 * HOUR);
    const engine = Engine.open({ dataDir, now, backupSchedule: true });
    const progress: unknown[] = [];
    engine.events.subscribe((event, payload) => {
      if (event === 'progress') progress.push(payload);
    });
    try {
      const made = await until(() => {
        const last = engine.backup.status().lastBackup;
        return last && last.at === clock.toISOString() ? last : null;
      });
      expect(made.folder).toBe(join(destination, 'sohoa-20261202-150000'));
      expect(made.checked).toBe(true);
      expect(checkBackup(made.folder).ok).toBe(true);
      const manifest = manifestOf(made.folder);
      expect(manifest.has('sohoa.db')).toBe(true);
      for (const b of blobs) {
        const file = `blobs/${b.slice(0, 2)}/${b.slice(2, 4)}/${b}`;
        expect(manifest.get(file)).toBe(
          createHash('sha256')
            .update(readFileSync(join(made.folder, file)))
            .digest('hex'),
        );
      }
      expect(progress).toContainEqual({ task: 'backup', label: 'backup', done: blobs.length, total: blobs.length });
      const events = engine.store.audit.list({ action: 'backup.create' }, 10, 0).rows;
      expect(events.map((e) => e.actor)).toEqual(['backup-schedule', 'local']);

      // Not due again before a day has passed since; due a day later; weekly moves it to a week.
      clock = new Date(t0.getTime() + 31 * HOUR);
      expect(await engine.backup.runIfDue()).toBeNull();
      expect(engine.backup.status()).toMatchObject({ schedule: 'daily', nextBackupAt: '2026-12-03T15:00:00.000Z', running: false });
      engine.settings.set([{ key: 'backup.schedule', value: 'weekly' }], system, 'test');
      expect(engine.backup.status().nextBackupAt).toBe('2026-12-09T15:00:00.000Z');
      engine.settings.set([{ key: 'backup.schedule', value: 'off' }], system, 'test');
      clock = new Date(t0.getTime() + 400 * HOUR);
      expect(engine.backup.status().nextBackupAt).toBeNull();
      expect(await engine.backup.runIfDue()).toBeNull();
      expect(engine.store.audit.list({ action: 'backup.create' }, 10, 0).total).toBe(2);
    } finally {
      await engine.close();
    }
  });

  it('never makes two backups at once: a backup by hand joins the scheduled one in progress', async () => {
    const engine = Engine.open({ dataDir, now });
    try {
      engine.settings.set([{ key: 'backup.schedule', value: 'daily' }], system, 'test');
      clock = new Date(t0.getTime() + 500 * HOUR);
      const before = engine.store.audit.list({ action: 'backup.create' }, 10, 0).total;
      const byHand = engine.handlers['backup.run']({});
      expect(engine.backup.status().running).toBe(true);
      const scheduled = engine.backup.runIfDue();
      const again = engine.handlers['backup.run']({});
      const [a, b, c] = await Promise.all([byHand, scheduled, again]);
      expect(b).toBeNull();
      expect(c).toEqual(a);
      expect(engine.store.audit.list({ action: 'backup.create' }, 10, 0).total).toBe(before + 1);
      expect(engine.backup.status().running).toBe(false);
    } finally {
      await engine.close();
    }
  });

  it('records a scheduled backup that failed, tries again an hour later, and the next backup clears it', async () => {
    const engine = Engine.open({ dataDir, now });
    try {
      // The "USB disk" is now a file: nothing can be written under it.
      const notAFolder = join(dir.path, 'not-a-folder');
      writeFileSync(notAFolder, 'x');
      engine.settings.set([{ key: 'backup.destination', value: join(notAFolder, 'usb') }], system, 'test');
      clock = new Date(t0.getTime() + 600 * HOUR);
      expect(await engine.backup.runIfDue()).toBeNull();
      const failure = engine.backup.status().lastFailure;
      expect(failure).toMatchObject({ at: clock.toISOString(), code: 'backup.failed' });
      expect(failure!.message).toMatch(/ENOTDIR/);
      expect(engine.store.audit.list({ action: 'backup.fail' }, 10, 0).rows[0]).toMatchObject({ actor: 'backup-schedule' });
      expect(engine.backup.status().nextBackupAt).toBe(new Date(clock.getTime() + HOUR).toISOString());
      clock = new Date(clock.getTime() + HOUR / 2);
      expect(await engine.backup.runIfDue()).toBeNull();
      expect(engine.store.audit.list({ action: 'backup.fail' }, 10, 0).total).toBe(1);

      engine.settings.set([{ key: 'backup.destination', value: destination }], system, 'test');
      clock = new Date(clock.getTime() + HOUR / 2);
      const made = await engine.backup.runIfDue();
      expect(made && checkBackup(made.folder).ok).toBe(true);
      expect(engine.backup.status().lastFailure).toBeNull();
    } finally {
      await engine.close();
    }
  });
});

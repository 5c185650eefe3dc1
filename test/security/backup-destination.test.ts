import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contractCall } from '../../src/cli/contract-call';
import { Engine } from '../../src/core/engine';
import { keyFolder } from '../../src/core/security/key-file';
import { contract } from '../../src/shared/contract';
import { ROLES } from '../../src/shared/roles';
import { signedInPerRole, type Connection } from '../auth/connection';
import { setTestAgency } from '../support/agency';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';

/** The top-level keys of a method's input, through the wrappers zod puts around an object (refine, default, pipe). */
function inputKeys(schema: z.ZodType): string[] {
  let s: unknown = schema;
  for (let i = 0; i < 5 && s; i++) {
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (shape) return Object.keys(shape);
    const def = (s as { _zod?: { def?: { innerType?: unknown; in?: unknown; schema?: unknown } } })._zod?.def;
    s = def?.innerType ?? def?.in ?? def?.schema;
  }
  throw new Error('an input that is not an object');
}

/**
 * A backup writes the whole store somewhere: where is the administrator's choice alone (the setting
 * `backup.destination`, audited), never a signed-in caller's. The local operator, who can read the data
 * folder anyway, may name the folder of one backup (`sohoa backup DEST`), checked as the setting is and
 * never inside the data or key folder. Restoring a backup is the local operator's (`sohoa backup restore`),
 * not a contract method.
 */
describe('backups through the transport: no destination a caller chooses', () => {
  const dir = tempDir('sohoa-backup-dest-');
  const dataDir = join(dir.path, 'data');
  const usb = join(dir.path, 'usb');
  const elsewhere = join(dir.path, 'home', '.config');
  let engine: Engine;
  let as: Record<(typeof ROLES)[number], Connection>;
  const destination = () => engine.store.settings.get('backup.destination') ?? '';
  const changes = () =>
    engine.store.db
      .prepare(`SELECT actor, details FROM audit_event WHERE action = 'setting.change' AND subject = 'backup.destination' ORDER BY seq`)
      .all() as { actor: string; details: string }[];

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir }));
    as = await signedInPerRole(engine, ROLES);
    mkdirSync(usb, { recursive: true });
  });
  afterAll(async () => {
    await engine?.close();
    dir.remove();
  });

  it('no contract method takes a place to write: the only paths are files and folders read in, each checked', () => {
    const pathLike = /path|dir|folder|dest|^out|output|target|file|register/i;
    const found = Object.entries(contract).flatMap(([name, spec]) =>
      inputKeys(spec.input)
        .filter((k) => pathLike.test(k))
        .map((k) => `${name} ${k}`),
    );
    expect(found.sort()).toEqual(
      [
        'batch.preview folder',
        'batch.preview registerPath',
        'batch.registerPreview folder',
        'batch.registerPreview registerPath',
        'batch.run folder',
        'batch.run registerPath',
        'batch.start folder',
        'batch.start registerPath',
        'backup.run destination',
        'sync.exportBag target',
        'document.importFiles paths',
        'page.replace path',
        'signer.unlock p12Path',
        'signer.unlockToken modulePath',
      ].sort(),
    );
    expect(Object.keys(contract).filter((m) => m.startsWith('backup.'))).toEqual(['backup.status', 'backup.run']);
    expect(inputKeys(contract['backup.status'].input)).toEqual([]);
    expect(inputKeys(contract['backup.run'].input)).toEqual(['destination']);
  });

  it('refuses a destination slipped into backup.run, even from the administrator, and writes nothing there', async () => {
    for (const extra of [{ path: elsewhere }, { folder: elsewhere }]) {
      expect(await codeOf(as.administrator.call('backup.run', extra as never))).toBe('input.invalid');
    }
    expect(await codeOf(as.administrator.call('backup.run', { destination: elsewhere }))).toBe('backup.destination-refused');
    expect(existsSync(dirname(elsewhere))).toBe(false);
  });

  it('lets the local operator name a backup’s folder, absolute and outside the data and key folders, audited as the operator', async () => {
    const call = contractCall(engine);
    expect(await codeOf(call('backup.run', { destination: 'relative/backup' }))).toBe('input.invalid');
    for (const inside of [join(dataDir, 'backup'), join(dataDir, 'blobs', 'backup'), join(keyFolder(), 'backup')])
      expect(await codeOf(call('backup.run', { destination: inside })), inside).toBe('path.write-refused');
    // A link does not lead a new folder into the data folder.
    symlinkSync(dataDir, join(dir.path, 'link-to-data'));
    expect(await codeOf(call('backup.run', { destination: join(dir.path, 'link-to-data', 'backup') }))).toBe('path.write-refused');
    expect(existsSync(join(dataDir, 'backup')) || existsSync(join(dataDir, 'blobs', 'backup'))).toBe(false);

    const own = join(dir.path, 'usb-2', 'sohoa-tay');
    const outcome = await call('backup.run', { destination: own });
    expect(outcome).toMatchObject({ folder: own, checked: true });
    expect(existsSync(join(own, 'manifest-sha256.txt'))).toBe(true);
    const made = [...engine.store.audit.iterate()].filter((e) => e.action === 'backup.create').at(-1)!;
    expect([made.actor, made.subject]).toEqual(['local', own]);
  });

  it('lets only the administrator set the backup folder, audited; the other roles can neither set it nor run a backup', async () => {
    for (const role of ['clerk', 'archivist', 'supervisor'] as const) {
      expect(await codeOf(as[role].call('settings.set', { changes: [{ key: 'backup.destination', value: elsewhere }] })), role).toBe(
        'setting.forbidden',
      );
      expect(await codeOf(as[role].call('backup.run', {})), role).toBe('auth.forbidden');
      expect(await codeOf(as[role].call('backup.status', {})), role).toBe('auth.forbidden');
    }
    expect(destination()).toBe('');
    expect(changes()).toEqual([]);
    await as.administrator.call('settings.set', { changes: [{ key: 'backup.destination', value: usb }] });
    expect(destination()).toBe(usb);
    expect(changes().map((c) => [c.actor, JSON.parse(c.details)])).toEqual([['administrator1', { from: '', to: usb }]]);
  });

  it('the administrator’s backup lands in the configured folder only', async () => {
    const before = readdirSync(dir.path).sort();
    const outcome = await as.administrator.call('backup.run', {});
    expect(dirname(outcome.folder)).toBe(usb);
    expect(outcome.checked).toBe(true);
    expect(readdirSync(usb)).toHaveLength(1);
    expect(readdirSync(dir.path).sort()).toEqual(before);
    expect(existsSync(dirname(elsewhere))).toBe(false);
  });
});

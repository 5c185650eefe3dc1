import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import { SETTINGS } from '../../src/shared/settings-schema';
import { tempDir } from '../support/temp-dir';

const clerk = { kind: 'user', userId: 2, name: 'lan', role: 'clerk' } as const;
const admin = { kind: 'user', userId: 1, name: 'quantri', role: 'administrator' } as const;

describe('the settings schema', () => {
  const dir = tempDir();
  let engine: Engine;
  const call = (method: string, params: unknown) => dispatch(engine.handlers, { kind: 'call', id: 1, method, params });

  beforeAll(() => {
    engine = Engine.open({ dataDir: dir.path, actor: 'kiemthu' });
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('declares each key once, with a label and help line in both languages and a default its own schema accepts', () => {
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    for (const s of SETTINGS) {
      expect([s.key, s.label.vi && s.label.en && s.help.vi && s.help.en ? 'labelled' : 'missing']).toEqual([s.key, 'labelled']);
      if (s.default !== null) expect([s.key, s.schema.safeParse(s.default).success]).toEqual([s.key, true]);
    }
  });

  it('lists today’s keys with the defaults they had before the schema', async () => {
    const reply = await call('settings.list', {});
    expect(reply.ok).toBe(true);
    const values = Object.fromEntries((reply as { result: { key: string; value: unknown }[] }).result.map((v) => [v.key, v.value]));
    expect(values).toMatchObject({
      'auth.idle_minutes': 10,
      'auth.lockout_attempts': 5,
      'auth.lockout_minutes': 15,
      'sync.interval-minutes': 15,
      'dossier.code_pattern': '{agency}-{yymmdd}-{seq4}',
      'scanner.drivers': {},
      'agency.name': null,
      'agency.code': null,
      'record.compression': 'mrc',
      'import.max-pages-per-file': 5000,
      'ocr.model': 'fast',
      'signing.trust-anchors': [],
    });
  });

  it('stores a change where the engine reads it, and audits key, old value, new value and who', async () => {
    const reply = await call('settings.set', {
      changes: [
        { key: 'auth.lockout_attempts', value: 3 },
        { key: 'sync.window', value: '22:00-06:00' },
      ],
    });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    expect(await engine.handlers['auth.policy']({})).toMatchObject({ lockoutAttempts: 3 });
    expect(engine.sync.status().window).toBe('22:00-06:00');
    const events = [...engine.store.audit.iterate()].filter((e) => e.action === 'setting.change');
    expect(events.map((e) => [e.subject, e.actor, JSON.parse(e.details ?? '{}')])).toEqual([
      ['auth.lockout_attempts', 'kiemthu', { from: 5, to: 3 }],
      ['sync.window', 'kiemthu', { from: '', to: '22:00-06:00' }],
    ]);
  });

  it('refuses an unknown key and a bad value with the key and what is allowed, and saves nothing of a half-valid change', async () => {
    const unknown = await call('settings.get', { key: 'agency.colour' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'setting.unknown', details: { key: 'agency.colour' } } });

    const bad = await call('settings.set', {
      changes: [
        { key: 'agency.name', value: 'UBND phường Thủ Dầu Một' },
        { key: 'agency.code', value: 'H12-000' },
      ],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'setting.invalid', details: { key: 'agency.code', problem: 'setting.agency-code' } },
    });
    expect((bad as { error: { message: string } }).error.message).toMatch(/^agency\.code: .*allowed: .*LLL\.LL\.LL\.XNN/);
    expect(engine.settings.value('agency.name')).toBeNull();

    const range = await call('settings.set', { changes: [{ key: 'sync.interval-minutes', value: 0 }] });
    expect(range).toMatchObject({
      ok: false,
      error: { code: 'setting.invalid', details: { key: 'sync.interval-minutes', problem: 'setting.range' } },
    });
  });

  it('lets only the roles a key names change it, and shows others only what applies to them', () => {
    expect(() => engine.settings.set([{ key: 'sync.interval-minutes', value: 30 }], clerk, 'lan')).toThrow(
      expect.objectContaining({ code: 'setting.forbidden' }),
    );
    const seen = engine.settings.list(clerk);
    expect(seen.find((v) => v.key === 'agency.name')).toMatchObject({ editable: false });
    expect(seen.map((v) => v.key)).not.toContain('signing.trust-anchors');
    expect(engine.settings.list(admin).find((v) => v.key === 'signing.trust-anchors')).toMatchObject({ editable: true });
    expect(engine.settings.number('sync.interval-minutes')).toBe(15);
  });
});

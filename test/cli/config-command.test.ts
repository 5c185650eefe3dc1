import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { runSohoaHere } from '../support/cli-here';
import { tempDir } from '../support/temp-dir';

describe('sohoa config', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  afterAll(() => dir.remove());

  it('sets and reads back a setting through the schema, typed, and audits the change as the operator', async () => {
    const set = await runSohoaHere(['config', 'set', 'agency.name', 'UBND phường Thủ Dầu Một', '--data-dir', dataDir], { USER: 'vanhanh' });
    expect(set.code, set.stderr).toBe(0);
    expect((await runSohoaHere(['config', 'set', 'sync.interval-minutes', '30', '--data-dir', dataDir])).code).toBe(0);
    expect((await runSohoaHere(['config', 'set', 'ocr.languages', 'vie', '--data-dir', dataDir])).code).toBe(0);

    expect((await runSohoaHere(['config', 'get', 'agency.name', '--data-dir', dataDir])).stdout).toBe('UBND phường Thủ Dầu Một\n');
    const interval = JSON.parse((await runSohoaHere(['config', 'get', 'sync.interval-minutes', '--json', '--data-dir', dataDir])).stdout) as { value: unknown; isDefault: boolean };
    expect(interval).toMatchObject({ value: 30, isDefault: false });
    const list = (await runSohoaHere(['config', 'list', '--data-dir', dataDir])).stdout;
    expect(list).toMatch(/^ocr\.languages\tvie$/m);
    expect(list).toMatch(/^auth\.idle_minutes\t10\t\(default\)$/m);

    const engine = Engine.open({ dataDir });
    try {
      const changes = [...engine.store.audit.iterate()].filter((e) => e.action === 'setting.change').map((e) => [e.subject, e.actor, JSON.parse(e.details ?? '{}')]);
      expect(changes).toEqual([
        ['agency.name', 'cli:vanhanh', { from: null, to: 'UBND phường Thủ Dầu Một' }],
        ['sync.interval-minutes', expect.stringMatching(/^cli:/), { from: 15, to: 30 }],
        ['ocr.languages', expect.stringMatching(/^cli:/), { from: ['vie', 'eng'], to: ['vie'] }],
      ]);
    } finally {
      await engine.close();
    }
  });

  it('refuses a bad value or an unknown key in one line naming the key and what is allowed, and changes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['set', 'agency.code', '12345'], /^sohoa config: agency\.code: .*allowed: the agency’s electronic identifier code, LLL\.LL\.LL\.XNN .* \[setting\.invalid\]$/],
      [['set', 'sync.interval-minutes', 'soon'], /^sohoa config: sync\.interval-minutes: .*allowed: an integer from 1 to 1440 .*\[setting\.invalid\]$/],
      [['set', 'record.compression', 'png'], /^sohoa config: record\.compression: .*allowed: mrc or jpeg \[setting\.invalid\]$/],
      [['set', 'scanner.drivers', '{not json'], /^sohoa config: scanner\.drivers: .*\[setting\.invalid\]$/],
      [['get', 'agency.logo'], /^sohoa config: agency\.logo is not a setting .*\[setting\.unknown\]$/],
    ];
    for (const [args, reason] of cases) {
      const r = await runSohoaHere(['config', ...args, '--data-dir', dataDir]);
      expect([args, r.code]).toEqual([args, 1]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(reason);
    }
    expect((await runSohoaHere(['config', 'get', 'sync.interval-minutes', '--data-dir', dataDir])).stdout).toBe('30\n');
    expect((await runSohoaHere(['config', 'frob', '--data-dir', dataDir])).code).toBe(2);
  });
});

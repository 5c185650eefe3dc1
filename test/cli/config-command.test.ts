import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { runSohoaHere } from '../support/cli-here';
import { tempDir } from '../support/temp-dir';
import { corpusDir, corpusPage } from '../record/support/corpus-pages';

describe('sohoa config', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  afterAll(() => dir.remove());

  it('sets and reads back a setting through the schema, typed, and audits the change as the operator', async () => {
    const set = await runSohoaHere(['config', 'set', 'agency.name', 'UBND phường Thủ Dầu Một', '--data-dir', dataDir], { USER: 'vanhanh' });
    expect(set.code, set.stderr).toBe(0);
    expect((await runSohoaHere(['config', 'set', 'sync.interval-minutes', '30', '--data-dir', dataDir])).code).toBe(0);
    expect((await runSohoaHere(['config', 'set', 'ocr.languages', 'vie,eng', '--data-dir', dataDir])).code).toBe(0);

    expect((await runSohoaHere(['config', 'get', 'agency.name', '--data-dir', dataDir])).stdout).toBe('UBND phường Thủ Dầu Một\n');
    const interval = JSON.parse(
      (await runSohoaHere(['config', 'get', 'sync.interval-minutes', '--json', '--data-dir', dataDir])).stdout,
    ) as { value: unknown; isDefault: boolean };
    expect(interval).toMatchObject({ value: 30, isDefault: false });
    const list = (await runSohoaHere(['config', 'list', '--data-dir', dataDir])).stdout;
    expect(list).toMatch(/^ocr\.languages\tvie,eng$/m);
    expect(list).toMatch(/^auth\.idle_minutes\t10\t\(default\)$/m);

    const engine = Engine.open({ dataDir });
    try {
      const changes = [...engine.store.audit.iterate()]
        .filter((e) => e.action === 'setting.change')
        .map((e) => [e.subject, e.actor, JSON.parse(e.details ?? '{}')]);
      expect(changes).toEqual([
        ['agency.name', 'cli:vanhanh', { from: null, to: 'UBND phường Thủ Dầu Một' }],
        ['sync.interval-minutes', expect.stringMatching(/^cli:/), { from: 15, to: 30 }],
        ['ocr.languages', expect.stringMatching(/^cli:/), { from: ['vie'], to: ['vie', 'eng'] }],
      ]);
    } finally {
      await engine.close();
    }
  });

  it('refuses a bad value or an unknown key in one line naming the key and what is allowed, and changes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['set', 'agency.code', '12345'],
        /^sohoa config: agency\.code: .*allowed: the agency’s electronic identifier code, LLL\.LL\.LL\.XNN .* \[setting\.invalid\]$/,
      ],
      [
        ['set', 'sync.interval-minutes', 'soon'],
        /^sohoa config: sync\.interval-minutes: .*allowed: an integer from 1 to 1440 .*\[setting\.invalid\]$/,
      ],
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

  it('refuses sohoa process and sohoa batch before the agency is set, takes it for one run, then from the data directory', async () => {
    const fresh = join(dir.path, 'fresh');
    const image = join(corpusDir, corpusPage('viadm-23e2').file);
    const out = join(dir.path, 'record.pdf');
    const scans = join(dir.path, 'scans', 'Hop 01', 'HS 001');
    mkdirSync(scans, { recursive: true });
    copyFileSync(image, join(scans, '001.png'));

    const process1 = await runSohoaHere(['process', image, '--out', out, '--no-ocr', '--no-clean', '--data-dir', fresh]);
    expect([process1.code, process1.stderr.trim()]).toEqual([
      1,
      expect.stringMatching(/^sohoa process: The agency is not set up: .*\[config\.agency-missing\]$/),
    ]);
    expect(existsSync(out)).toBe(false);
    const batch1 = await runSohoaHere(['batch', join(dir.path, 'scans'), '--data-dir', fresh, '--workers', '1']);
    expect([batch1.code, batch1.stderr.trim().split('\n').at(-1)]).toEqual([1, expect.stringMatching(/\[config\.agency-missing\]$/)]);
    const badCode = await runSohoaHere([
      'process',
      image,
      '--out',
      out,
      '--no-ocr',
      '--no-clean',
      '--agency',
      'UBND xã Minh Hòa',
      '--agency-code',
      'H12',
    ]);
    expect([badCode.code, badCode.stderr.trim()]).toEqual([
      1,
      expect.stringMatching(/^sohoa process: agency\.code: .*\[setting\.invalid\]$/),
    ]);

    const oneRun = await runSohoaHere([
      'process',
      image,
      '--out',
      out,
      '--no-ocr',
      '--no-clean',
      '--agency',
      'UBND xã Minh Hòa',
      '--agency-code',
      '000.31.25.H12',
    ]);
    expect(oneRun.code, oneRun.stderr).toBe(0);
    expect(execFileSync('pdfinfo', ['-meta', out], { encoding: 'utf8' })).toContain(
      '<sohoa:digitizingAgency>UBND xã Minh Hòa</sohoa:digitizingAgency>',
    );
    expect((await runSohoaHere(['config', 'get', 'agency.name', '--data-dir', fresh])).stdout).toBe('\n');

    expect((await runSohoaHere(['config', 'set', 'agency.name', 'UBND phường Chánh Nghĩa', '--data-dir', fresh])).code).toBe(0);
    expect((await runSohoaHere(['config', 'set', 'agency.code', '000.31.26.H12', '--data-dir', fresh])).code).toBe(0);
    const stored = await runSohoaHere(['process', image, '--out', out, '--no-ocr', '--no-clean', '--data-dir', fresh]);
    expect(stored.code, stored.stderr).toBe(0);
    const meta = execFileSync('pdfinfo', ['-meta', out], { encoding: 'utf8' });
    expect(meta).toContain('<sohoa:digitizingAgency>UBND phường Chánh Nghĩa</sohoa:digitizingAgency>');
    expect(meta).toContain('<sohoa:digitizingAgencyCode>000.31.26.H12</sohoa:digitizingAgencyCode>');
  });
});

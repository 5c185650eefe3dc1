import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { runSohoa } from '../support/cli';
import { runSohoaHere } from '../support/cli-here';
import { tempDir } from '../support/temp-dir';
import { setTestAgency, TEST_AGENCY } from '../support/agency';

const DESIGN_COMMANDS = ['ocr', 'process', 'verify', 'batch', 'status', 'sync', 'hub'];

describe('sohoa command line', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('lists the commands of the design', () => {
    const r = runSohoa(['--help']);
    expect(r.code).toBe(0);
    for (const c of DESIGN_COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('lists every option a command takes in its --help', async () => {
    const common = ['data-dir', 'key-file'];
    const parsers = {
      batch: (await import('../../src/cli/commands/batch')).options,
      process: (await import('../../src/cli/commands/process')).options,
      sync: (await import('../../src/cli/commands/sync')).options,
    };
    for (const [name, options] of Object.entries(parsers)) {
      const r = await runSohoaHere([name, '--help']);
      expect(r.code).toBe(0);
      const missing = Object.keys(options).filter((o) => !common.includes(o) && !r.stdout.includes(`--${o}`));
      expect(missing, `sohoa ${name} --help`).toEqual([]);
    }
  });

  it('prints store counts as JSON, counting what is there', async () => {
    const dataDir = join(dir.path, 'status');
    const engine = setTestAgency(Engine.open({ dataDir }));
    await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-02',
      applicantName: 'Lê Thị Hoa',
      applicantCccd: '074190000123',
      receivedDate: '2021-06-01',
    });
    engine.store.jobs.enqueue('ocr', 'p1', {});
    engine.store.jobs.enqueue('ocr', 'p2', {});
    engine.close();
    const r = runSohoa(['status', '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status).toMatchObject({ dossiers: 1, documents: 0, pages: 0, records: 0, jobs: { queued: 2, leased: 0, done: 0, failed: 0 } });
  });

  it('takes the data directory from SOHOA_DATA_DIR', () => {
    const dataDir = join(dir.path, 'env');
    const r = runSohoa(['status', '--json'], { SOHOA_DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dossiers).toBe(0);
    expect(runSohoa(['audit', 'verify'], { SOHOA_DATA_DIR: dataDir }).stdout).toContain('0 events');
  });

  it('fails with a one-line reason on an unknown command or bad arguments', () => {
    for (const args of [['frobnicate'], ['status', '--bogus'], ['status', 'extra'], ['audit'], ['catalog', 'import']]) {
      const r = runSohoa(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('imports a procedure catalog, reporting bad rows by line', () => {
    const dataDir = join(dir.path, 'catalog');
    const csv = join(dir.path, 'procedures.csv');
    writeFileSync(
      csv,
      [
        'code,name,field,level,processing_days,components',
        '2.000001,Cấp phép khai thác nước,Tài nguyên nước,Cấp tỉnh,20,"Đơn đề nghị|Bản đồ vị trí, tỷ lệ 1:10.000"',
        ',Không có mã,Hộ tịch,Cấp xã,1,',
        '2.000002,Thủ tục X,Hộ tịch,Cấp xã,năm,',
        '2.000001,Trùng mã,Hộ tịch,Cấp xã,1,',
      ].join('\r\n'),
    );
    const r = runSohoa(['catalog', 'import', csv, '--data-dir', dataDir], { USER: 'van.thu' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 1 procedures, 3 rows rejected');
    expect(r.stderr).toMatch(/line 3: code and name are required/);
    expect(r.stderr).toMatch(/line 4: processing_days/);
    expect(r.stderr).toMatch(/line 5: duplicate code/);
    const engine = setTestAgency(Engine.open({ dataDir }));
    const p = engine.store.procedures.get('2.000001')!;
    expect(p.components).toEqual(['Đơn đề nghị', 'Bản đồ vị trí, tỷ lệ 1:10.000']);
    expect(p.isSample).toBe(false);
    expect(engine.store.procedures.list('khai thac nuoc').map((x) => x.code)).toEqual(['2.000001']);
    // The audit names the shell's user, as every command does (README: `cli:<user>`).
    expect([...engine.store.audit.iterate()].filter((e) => e.action === 'catalog.import').map((e) => e.actor)).toEqual(['cli:van.thu']);
    engine.close();
  });

  it('audits a backup made from the shell as cli:<user>', async () => {
    const dataDir = join(dir.path, 'backup-actor');
    setTestAgency(Engine.open({ dataDir })).close();
    const r = await runSohoaHere(['backup', join(dir.path, 'backup-actor-copy'), '--data-dir', dataDir], { USER: 'van.thu' });
    expect(r.code, r.stderr).toBe(0);
    const engine = Engine.open({ dataDir });
    expect([...engine.store.audit.iterate()].filter((e) => e.action === 'backup.create').map((e) => e.actor)).toEqual(['cli:van.thu']);
    engine.close();
  });
});

describe('sohoa dossier', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('takes in a dossier, and refuses bad input naming the fields without storing anything', () => {
    const dataDir = join(dir.path, 'd');
    const bad = runSohoa([
      'dossier',
      'create',
      '--data-dir',
      dataDir,
      '--procedure',
      'NOPE',
      '--name',
      'Võ Văn Tú',
      '--cccd',
      '12345',
      '--received',
      '2021-13-01',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/applicantCccd is not a valid CCCD/);
    expect(bad.stderr).toMatch(/receivedDate is not a valid date/);
    const unknown = runSohoa([
      'dossier',
      'create',
      '--data-dir',
      dataDir,
      '--procedure',
      'NOPE',
      '--name',
      'Võ Văn Tú',
      '--cccd',
      '074093513649',
      '--received',
      '2021-03-01',
    ]);
    expect(unknown.stderr).toMatch(/procedureCode is not a procedure in the catalog/);
    expect(JSON.parse(runSohoa(['status', '--json', '--data-dir', dataDir]).stdout).dossiers).toBe(0);

    // Before first-run set-up, nothing is taken in: the dossier would carry no agency.
    const early = runSohoa([
      'dossier',
      'create',
      '--data-dir',
      dataDir,
      '--procedure',
      'MAU-HT-01',
      '--name',
      'Võ Văn Tú',
      '--cccd',
      '074093513649',
      '--received',
      '2021-03-01',
    ]);
    expect(early.code).toBe(1);
    expect(early.stderr.trim()).toMatch(/^sohoa dossier: The agency is not set up: .* \[config\.agency-missing\]$/);
    expect(runSohoa(['config', 'set', 'agency.name', TEST_AGENCY.name, '--data-dir', dataDir]).code).toBe(0);
    expect(runSohoa(['config', 'set', 'agency.code', TEST_AGENCY.code, '--data-dir', dataDir]).code).toBe(0);

    const ok = runSohoa([
      'dossier',
      'create',
      '--data-dir',
      dataDir,
      '--procedure',
      'MAU-HT-01',
      '--name',
      'Võ Văn Tú',
      '--cccd',
      '074093513649',
      '--received',
      '2021-03-01',
    ]);
    expect(ok.code).toBe(0);
    const list = JSON.parse(runSohoa(['dossier', 'list', '--json', '--data-dir', dataDir]).stdout);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ code: ok.stdout.trim(), applicantName: 'Võ Văn Tú', procedureCode: 'MAU-HT-01' });
    expect(ok.stdout.trim()).toMatch(new RegExp(`^${TEST_AGENCY.code.replaceAll('.', '\\.')}-`));
  });

  it('deletes a dossier only with a reason, recorded in the audit log, and keeps the chain intact', async () => {
    const dataDir = join(dir.path, 'd');
    const code = JSON.parse(runSohoa(['dossier', 'list', '--json', '--data-dir', dataDir]).stdout).items[0].code as string;
    const noReason = runSohoa(['dossier', 'delete', code, '--data-dir', dataDir]);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/reason/);
    expect(runSohoa(['dossier', 'delete', 'KHONG-CO', '--reason', 'nhập nhầm', '--data-dir', dataDir]).stderr).toMatch(
      /dossier\.not-found|no dossier KHONG-CO/,
    );

    const done = runSohoa(['dossier', 'delete', code, '--reason', 'Nhập trùng hồ sơ', '--data-dir', dataDir]);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(runSohoa(['dossier', 'list', '--json', '--data-dir', dataDir]).stdout).total).toBe(0);
    expect(runSohoa(['audit', 'verify', '--data-dir', dataDir]).code).toBe(0);
    const engine = setTestAgency(Engine.open({ dataDir }));
    try {
      const { items } = await engine.handlers['audit.list']({ action: 'dossier.delete', limit: 10, offset: 0 });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ action: 'dossier.delete' });
      expect(JSON.stringify(items[0])).toContain('Nhập trùng hồ sơ');
    } finally {
      await engine.close();
    }
  });
});

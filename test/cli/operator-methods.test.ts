import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { ROLES } from '../../src/shared/roles';
import { signedInPerRole, type Connection } from '../auth/connection';
import { setTestAgency } from '../support/agency';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';

/**
 * The methods the command line's operator tasks call (`sohoa catalog`, `audit`, `status --verify`, `backup`,
 * `sync`), as a window's connection calls them: each refused to the roles the app would not give it,
 * and doing for the others what the command did.
 */
describe('the operator tasks through the contract', () => {
  const dir = tempDir('sohoa-operator-');
  let engine: Engine;
  let as: Record<(typeof ROLES)[number], Connection>;
  const events = (action: string) => [...engine.store.audit.iterate()].filter((e) => e.action === action);

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data') }));
    as = await signedInPerRole(engine, ROLES);
  });
  afterAll(async () => {
    await engine?.close();
    dir.remove();
  });

  it('catalog.import: the administrator’s CSV is stored, its bad rows told by line, audited once as the administrator', async () => {
    const csv = [
      'code,name,field,level,processing_days,components',
      '1.009001,Đăng ký khai tử,Hộ tịch,Cấp xã,3,Tờ khai|Giấy báo tử',
      '1.009002,,Hộ tịch,Cấp xã,3,',
    ].join('\n');
    for (const role of ['clerk', 'archivist', 'supervisor'] as const)
      expect(await codeOf(as[role].call('catalog.import', { csv, source: 'danh-muc.csv' })), role).toBe('auth.forbidden');
    expect(engine.store.procedures.get('1.009001')).toBeUndefined();
    expect(events('catalog.import')).toEqual([]);

    const result = await as.administrator.call('catalog.import', { csv, source: 'danh-muc.csv' });
    expect(result).toEqual({ imported: 1, problems: [{ line: 3, message: 'code and name are required' }] });
    expect(engine.store.procedures.get('1.009001')?.components).toEqual(['Tờ khai', 'Giấy báo tử']);
    expect(events('catalog.import').map((e) => [e.actor, e.subject, JSON.parse(e.details)])).toEqual([
      ['administrator1', 'danh-muc.csv', { imported: 1, rejected: 1 }],
    ]);
  });
});

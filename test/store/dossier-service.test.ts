import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import type { RpcReply } from '../../src/shared/rpc';
import { tempDir } from '../support/temp-dir';
import { setTestAgency, TEST_AGENCY } from '../support/agency';

const valid = {
  procedureCode: 'MAU-HT-01',
  applicantName: 'Nguyễn Văn Ánh',
  applicantCccd: '074093513649',
  receivedDate: '2021-03-05',
  applicantAddress: 'Phường Phú Cường, Thủ Dầu Một, Bình Dương',
};

function yymmdd(d: Date): string {
  return `${String(d.getFullYear()).slice(2)}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

describe('dossiers through the engine edge', () => {
  const dir = tempDir();
  let engine: Engine;
  let nextId = 1;
  const call = (method: string, params: unknown) => dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
  const errorOf = (r: RpcReply) => (r.ok ? undefined : r.error);

  beforeAll(() => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
  });
  afterAll(() => {
    engine.close();
    dir.remove();
  });

  it('seeds the sample catalog, marked as sample', async () => {
    const r = await call('procedure.list', { query: 'khai sinh' });
    expect(r.ok).toBe(true);
    const list = (r as { result: { code: string; isSample: boolean; components: string[] }[] }).result;
    expect(list.map((p) => p.code)).toContain('MAU-HT-01');
    expect(list.every((p) => p.isSample)).toBe(true);
    expect(list.find((p) => p.code === 'MAU-HT-01')!.components.length).toBeGreaterThan(0);
  });

  it('creates dossiers with codes <agency>-<yymmdd>-<sequence> and a due date from the procedure', async () => {
    const a = await call('dossier.create', valid);
    const b = await call('dossier.create', { ...valid, applicantName: 'Trần Thị Bình', applicantAddress: 'Phường An Bình, Dĩ An' });
    expect(a.ok && b.ok).toBe(true);
    const prefix = `${TEST_AGENCY.code}-${yymmdd(new Date())}`;
    const first = (a as { result: { code: string; dueDate: string } }).result;
    expect(first.code).toBe(`${prefix}-0001`);
    expect((b as { result: { code: string } }).result.code).toBe(`${prefix}-0002`);
    // MAU-HT-01 takes 1 working day; 2021-03-05 is a Friday.
    expect(first.dueDate).toBe('2021-03-08');
  });

  it('rejects bad input naming each field, and changes nothing', async () => {
    const before = (await engine.handlers['status.get']({})).dossiers;
    const auditBefore = engine.store.audit.count();
    const r = await call('dossier.create', { ...valid, applicantCccd: '07409351364', applicantName: '  ', receivedDate: '31/02/2021' });
    expect(errorOf(r)?.code).toBe('input.invalid');
    const issues = errorOf(r)?.details?.issues as { field: string; problem: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'applicantCccd', problem: 'cccd.invalid' },
        { field: 'applicantName', problem: 'required' },
        { field: 'receivedDate', problem: 'date.invalid' },
      ]),
    );
    const missing = await call('dossier.create', { procedureCode: 'MAU-HT-01' });
    expect((errorOf(missing)?.details?.issues as { field: string }[]).map((i) => i.field)).toEqual(
      expect.arrayContaining(['applicantName', 'applicantCccd', 'receivedDate']),
    );
    const unknown = await call('dossier.create', { ...valid, procedureCode: 'NO-SUCH' });
    expect(errorOf(unknown)?.details?.issues).toEqual([{ field: 'procedureCode', problem: 'procedure.unknown' }]);
    const order = await call('dossier.create', { ...valid, dueDate: '2021-03-01' });
    expect(errorOf(order)?.details?.issues).toEqual([{ field: 'dueDate', problem: 'date.order' }]);
    expect((await engine.handlers['status.get']({})).dossiers).toBe(before);
    expect(engine.store.audit.count()).toBe(auditBefore);
  });

  it('answers an unknown method or a malformed call with a coded error, not a crash', async () => {
    expect(errorOf(await call('dossier.drop', {}))?.code).toBe('method.unknown');
    expect(errorOf(await call('dossier.get', { id: 'x' }))?.code).toBe('input.invalid');
    expect(errorOf(await call('dossier.get', { id: 999 }))?.code).toBe('dossier.not-found');
  });

  it('finds dossiers without diacritics', async () => {
    const hits = await engine.handlers['search.query']({ text: 'nguyen van anh', limit: 10 });
    expect(hits.length).toBe(1);
    expect(hits[0]!.snippet).toContain('[Nguyễn] [Văn] [Ánh]');
    expect((await engine.handlers['search.query']({ text: 'thu dau mot', limit: 10 })).length).toBe(1);
    expect((await engine.handlers['search.query']({ text: 'tran thi binh', limit: 10 })).length).toBe(1);
    expect((await engine.handlers['search.query']({ text: 'le van cuong', limit: 10 })).length).toBe(0);
    const listed = await engine.handlers['dossier.list']({ query: 'tran thi', limit: 50, offset: 0 });
    expect(listed.items.map((d) => d.applicantName)).toEqual(['Trần Thị Bình']);
  });

  it('indexes OCR text of pages so that Đ is found as d', () => {
    const d = engine.store.dossiers.list(1, 0).items[0]!;
    engine.store.search.indexPage(d.id, 4242, 'Ủy ban nhân dân phường Đông Hòa, thị xã Dĩ An');
    const hits = engine.store.search.search('dong hoa di an', 10);
    expect(hits.map((h) => h.pageId)).toEqual([4242]);
  });

  it('follows a configured code pattern', async () => {
    engine.store.settings.set('dossier.code_pattern', 'HS-{yyyy}-{seq6}');
    const r = await call('dossier.create', valid);
    expect((r as { result: { code: string } }).result.code).toBe(`HS-${new Date().getFullYear()}-000001`);
    engine.store.settings.set('dossier.code_pattern', '{agency}-{yymmdd}-{seq4}');
  });

  it('records every creation in the audit chain', () => {
    const verdict = engine.verifyAudit();
    // Three dossiers, and the agency's name and code set before them.
    expect(verdict).toEqual({ ok: true, events: 5 });
  });
});

describe('search snippets', () => {
  it('show the original text with its diacritics, matches marked', async () => {
    const { snippetOf } = await import('../../src/core/store/search-snippet');
    expect(snippetOf('Ủy ban nhân dân phường Đông Hòa, thị xã Dĩ An', ['dong', 'hoa'])).toBe(
      'Ủy ban nhân dân phường [Đông] [Hòa], thị xã Dĩ An',
    );
    // A term matches at the start of a word only.
    expect(snippetOf('Phường An Bình', ['an'])).toBe('Phường [An] Bình');
    expect(snippetOf('x'.repeat(200) + ' Thủ Dầu Một ' + 'y'.repeat(300), ['thu'])).toMatch(/^….*\[Thủ\] Dầu Một.*…$/);
    expect(snippetOf('Không có', ['abc'])).toBeUndefined();
  });
});

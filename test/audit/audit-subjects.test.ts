import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import type { AuditEntry } from '../../src/shared/auth-types';
import { addReadDocument } from '../e2e-support/read-document';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

describe('audit subjects resolved when the log is read: deleted things say so, ids given again do not mislead', () => {
  const dir = tempDir();
  let engine: Engine;
  let code = '';
  let entries: AuditEntry[] = [];
  let otherDocument = 0;
  const of = (action: string) => entries.filter((e) => e.action === action).map((e) => e.subjectView);

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    const h = engine.handlers;
    const dossier = await createBirthRegistration(h);
    code = dossier.code;
    const birth = await addReadDocument(engine.store, dossier.id, 'Giấy chứng sinh', [recordPageFromCorpus('viadm-2833')]);
    const form = await addReadDocument(engine.store, dossier.id, 'Tờ khai', [
      recordPageFromCorpus('viadm-4448'),
      recordPageFromCorpus('viadm-863d'),
    ]);
    const [, last] = engine.store.pages.ofDocument(form);
    await h['page.delete']({ pageId: last!.id });
    // SQLite gives the deleted page's id to the next page inserted, here in another document.
    const reused = engine.store.pages.addPage(birth, engine.store.blobs.put(recordPageFromCorpus('viadm-82f0').image), 'scan');
    expect(reused.id).toBe(last!.id);
    const extra = await h['document.create']({ dossierId: dossier.id, component: 'Giấy ủy quyền' });
    await h['document.remove']({ documentId: extra.id });
    // The next document takes the removed one's id.
    expect((await h['document.create']({ dossierId: dossier.id, component: 'Bản sao CCCD' })).id).toBe(extra.id);
    const other = await h['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Trần Văn Bình',
      applicantCccd: '074093513649',
      receivedDate: '2026-11-24',
    });
    otherDocument = (await h['document.create']({ dossierId: other.id, component: 'Tờ khai' })).id;
    entries = (await h['audit.list']({ limit: 200, offset: 0 })).items;
  });

  afterAll(() => {
    engine.close();
    dir.remove();
  });

  it('names the deleted page by its place and document as they were, not by the page that has its id now', () => {
    expect(of('page.delete')).toEqual([
      {
        kind: 'page',
        position: 2,
        document: { dossierCode: code, component: 'Tờ khai', isResult: false, position: 2 },
        gone: true,
      },
    ]);
  });

  it('names the removed document by the component it had, not by the document that has its id now', () => {
    expect(of('document.remove')).toEqual([
      { kind: 'document', document: { dossierCode: code, component: 'Giấy ủy quyền', isResult: false, position: null }, gone: true },
    ]);
    expect(of('document.create').at(-1)).toEqual({
      kind: 'document',
      document: { dossierCode: code, component: 'Bản sao CCCD', isResult: false, position: 3 },
      gone: false,
    });
  });

  it('names a dossier by its code and a setting by its key (the screen gives its label)', () => {
    expect(of('dossier.create').at(-1)).toEqual({ kind: 'dossier', code, gone: false });
    expect(of('setting.change')).toContainEqual({ kind: 'setting', key: 'agency.name' });
  });

  it('finds by a dossier code the events whose subject is the id of that dossier’s documents and pages', async () => {
    const found = (await engine.handlers['audit.list']({ text: code, limit: 200, offset: 0 })).items;
    const actions = found.map((e) => e.action);
    expect(actions).toContain('dossier.create');
    expect(actions.filter((a) => a === 'document.create')).toHaveLength(2);
    expect(actions).toContain('page.delete');
    expect(found.some((e) => e.subject === String(otherDocument))).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import { computeBacklog } from '../../src/core/stats/indicators';
import { summaryDifferences } from '../../src/core/store/summary-check';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';
import { insertArchiveDossier } from '../support/archive-dossier';

/** Archive folders of one batch, each one document of `pages` pages; `result` are the pages (1-based) split off as its result. */
const folders = [
  { pages: 5, result: [4, 5] },
  { pages: 3, result: [1] },
  { pages: 4, result: [] },
];

describe('an archive folder split at the QC station into its papers and its result document', () => {
  const dir = tempDir('sohoa-archive-split-');
  let engine: Engine;
  let batchId = 0;
  let nextId = 1;
  const folderDocs: { dossierId: number; documentId: number; pageIds: number[] }[] = [];

  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result as MethodResult<K>;
  }
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
  /** The dashboard's archive figure, counted again from the base tables alone: archive dossiers with a signed result document. */
  const independentResults = () =>
    (
      engine.store.db
        .prepare(
          `SELECT count(DISTINCT d.id) AS n FROM dossier d JOIN document doc ON doc.dossier_id = d.id
           WHERE d.kind = 'archive' AND d.deleted_at IS NULL AND doc.is_result = 1 AND EXISTS (SELECT 1 FROM record r WHERE r.document_id = doc.id AND r.signed = 1)`,
        )
        .get() as { n: number }
    ).n;
  const pagesOf = (dossierId: number) =>
    (
      engine.store.db
        .prepare('SELECT count(*) AS n FROM page p JOIN document doc ON doc.id = p.document_id WHERE doc.dossier_id = ?')
        .get(dossierId) as {
        n: number;
      }
    ).n;
  const summaryPages = (dossierId: number) =>
    (
      engine.store.db
        .prepare(
          'SELECT coalesce(sum(s.pages), 0) AS n FROM document_summary s JOIN document doc ON doc.id = s.document_id WHERE doc.dossier_id = ?',
        )
        .get(dossierId) as { n: number }
    ).n;

  beforeAll(() => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    const { store } = engine;
    batchId = Number(
      store.db.prepare(`INSERT INTO batch (name, source, created_at) VALUES ('Hộp 2020', '/lt', ?)`).run(new Date().toISOString())
        .lastInsertRowid,
    );
    for (const [i, folder] of folders.entries()) {
      const d = insertArchiveDossier(engine, { batchId, box: 'H1', archiveNumber: String(i + 1), year: 2020 });
      const documentId = store.documents.create(d.id, 'Hồ sơ lưu trữ', null);
      const pageIds = Array.from(
        { length: folder.pages },
        (_, k) => store.pages.addPage(documentId, store.blobs.put(Buffer.from(`page ${i} ${k}`)), null).id,
      );
      folderDocs.push({ dossierId: d.id, documentId, pageIds });
    }
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('refuses a selection of no page, every page or a page of another document, and changes nothing', async () => {
    const [a, b] = folderDocs;
    expect(await codeOf(call('batch.splitResult', { batchId, documentId: a!.documentId, pageIds: a!.pageIds }))).toBe(
      'archive.split-pages',
    );
    expect(await codeOf(call('batch.splitResult', { batchId, documentId: a!.documentId, pageIds: [b!.pageIds[0]!] }))).toBe(
      'archive.split-pages',
    );
    expect(await codeOf(call('batch.splitResult', { batchId, documentId: a!.documentId, pageIds: [] }))).toBe('input.invalid');
    expect(await codeOf(call('batch.splitResult', { batchId: batchId + 99, documentId: a!.documentId, pageIds: [a!.pageIds[0]!] }))).toBe(
      'batch.not-found',
    );
    expect(engine.store.documents.ofDossier(a!.dossierId)).toHaveLength(1);
    expect(engine.store.pages.ofDocument(a!.documentId).map((p) => p.id)).toEqual(a!.pageIds);
  });

  it('moves the chosen pages into a new result document of the same dossier, and each page and each dossier counts once', async () => {
    for (const [i, folder] of folders.entries()) {
      if (!folder.result.length) continue;
      const f = folderDocs[i]!;
      const chosen = folder.result.map((n) => f.pageIds[n - 1]!);
      const split = await call('batch.splitResult', { batchId, documentId: f.documentId, pageIds: chosen, kind: 'quyet-dinh' });
      expect(split.dossierId).toBe(f.dossierId);
      const docs = await call('document.list', { dossierId: f.dossierId });
      expect(docs.map((d) => d.isResult)).toEqual([false, true]);
      expect(docs[1]!.id).toBe(split.resultDocumentId);
      expect(docs[1]!.resultKind).toBe('quyet-dinh');
      expect(docs[1]!.pages.map((p) => p.id)).toEqual(chosen);
      expect(docs[0]!.pages.map((p) => p.id)).toEqual(f.pageIds.filter((id) => !chosen.includes(id)));
      expect(docs[0]!.pages.map((p) => p.position)).toEqual(docs[0]!.pages.map((_, k) => k + 1));
      expect(pagesOf(f.dossierId)).toBe(folder.pages);
      expect(summaryPages(f.dossierId)).toBe(folder.pages);
    }
    expect(summaryDifferences(engine.store.db)).toEqual([]);
    const audit = engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'archive.split-result'`).get() as {
      n: number;
    };
    expect(audit.n).toBe(folders.filter((f) => f.result.length).length);

    // Not signed yet: not counted. Then the batch's signing signs both documents of each dossier.
    expect(computeBacklog(engine.store).resultsDigitized).toBe(0);
    for (const f of folderDocs)
      for (const doc of engine.store.documents.ofDossier(f.dossierId))
        engine.store.records.addVersion(doc.id, engine.store.blobs.put(Buffer.from(`record ${doc.id}`)), {
          signer: 'CN=Test',
          signedAt: new Date().toISOString(),
        });
    expect(independentResults()).toBe(2);
    expect(computeBacklog(engine.store).resultsDigitized).toBe(independentResults());
    expect(summaryDifferences(engine.store.db)).toEqual([]);
  });

  it('refuses to split a signed document, with a coded error', async () => {
    const c = folderDocs[2]!;
    expect(await codeOf(call('batch.splitResult', { batchId, documentId: c.documentId, pageIds: [c.pageIds[0]!] }))).toBe(
      'archive.split-signed',
    );
    expect(engine.store.documents.ofDossier(c.dossierId)).toHaveLength(1);
    expect(computeBacklog(engine.store).resultsDigitized).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

/** MAU-HT-01 asks for these three components (sample catalog). */
const [FORM, BIRTH, ID_PAPER] = ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'Giấy tờ tùy thân của người đi đăng ký'];

describe('dossier.finalize signs only a dossier whose documents have pages, and names the missing components', () => {
  const dir = tempDir();
  let pki: TestPki;
  let engine: Engine;
  let dossierId = 0;

  async function readDocument(component: string) {
    const { store } = engine;
    const scan = recordPageFromCorpus('viadm-2833');
    const documentId = store.documents.create(dossierId, component, null);
    const pageId = store.pages.addPage(documentId, store.blobs.put(scan.image), 'scan').id;
    store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
    store.records.addVersion(
      documentId,
      store.blobs.put(Buffer.from(await buildRecordPdf({ pages: [scan], metadata: { title: component, digitizedAt: new Date() } }))),
      null,
    );
    return documentId;
  }

  beforeAll(async () => {
    pki = createTestPki();
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    dossierId = (
      await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Đỗ Thị Mai',
        applicantCccd: '074190000123',
        receivedDate: '2026-11-23',
      })
    ).id;
    await engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
  });
  afterAll(async () => {
    await engine.close();
    pki?.cleanup();
    dir.remove();
  });

  it('refuses while a document has no pages, even when the missing components are confirmed; the checklist does not tick it', async () => {
    await readDocument(FORM);
    const { id: empty } = await engine.handlers['document.create']({ dossierId, component: BIRTH });
    const refused = await (async () => engine.handlers['dossier.finalize']({ dossierId, confirmMissing: true }))().catch(
      (e: { code: string; details: unknown }) => e,
    );
    expect(refused).toMatchObject({ code: 'desk.document-empty', details: { documentIds: [empty] } });
    const { checklist } = await engine.handlers['dossier.desk']({ id: dossierId });
    expect(checklist.map((c) => [c.component, c.filled])).toEqual([
      [FORM, true],
      [BIRTH, false],
      [ID_PAPER, false],
    ]);
    await engine.handlers['document.remove']({ documentId: empty });
    expect(engine.store.documents.ofDossier(dossierId)).toHaveLength(1);
  });

  it('refuses while a component has no document unless the call confirms it; then signs and audits what was missing', async () => {
    const refused = await (async () => engine.handlers['dossier.finalize']({ dossierId }))().catch(
      (e: { code: string; details: unknown }) => e,
    );
    expect(refused).toMatchObject({ code: 'desk.components-missing', details: { components: [BIRTH, ID_PAPER] } });
    await readDocument(BIRTH);
    expect(await codeOf((async () => engine.handlers['dossier.finalize']({ dossierId }))())).toBe('desk.components-missing');
    const result = await engine.handlers['dossier.finalize']({ dossierId, confirmMissing: true });
    expect(result.signed).toHaveLength(2);
    const audit = engine.store.db.prepare(`SELECT details FROM audit_event WHERE action = 'dossier.finalize'`).get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ missingConfirmed: [ID_PAPER] });
  });

  it('keeps a signed document: it cannot be removed', async () => {
    await engine.handlers['dossier.reopen']({ id: dossierId, reason: 'thử' });
    const [first] = engine.store.documents.ofDossier(dossierId);
    expect(await codeOf((async () => engine.handlers['document.remove']({ documentId: first!.id }))())).toBe('document.not-removable');
  });

  it('counts signings the clerk made, not versions: the first signing is signed version 1, a re-signing after a change is 2', async () => {
    const documentId = engine.store.documents.ofDossier(dossierId).find((d) => d.component === FORM)!.id;
    const record = async () => (await engine.handlers['document.list']({ dossierId })).find((d) => d.id === documentId)!.record!;
    // Signing added a version after the unsigned one: version 2, but the first signing.
    expect(await record()).toMatchObject({ version: 2, signed: true, signedVersion: 1 });
    const scan = recordPageFromCorpus('viadm-2833');
    const changed = await buildRecordPdf({ pages: [scan], metadata: { title: `${FORM} (sửa)`, digitizedAt: new Date() } });
    engine.store.records.addVersion(documentId, engine.store.blobs.put(Buffer.from(changed)), null);
    expect(await record()).toMatchObject({ version: 3, signed: false, signedVersion: null });
    await engine.handlers['dossier.finalize']({ dossierId, confirmMissing: true });
    expect(await record()).toMatchObject({ version: 4, signed: true, signedVersion: 2 });
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { PAGE_PREVIEW_WIDTH } from '../../src/shared/page-preview';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { corpusPage, failingCccd } from '../e2e-support/desk-fixtures';
import { recordXmpFields } from '../e2e-support/record-xmp';
import { pdfsig } from '../record/support/pdf-tools';
import { tempDir } from '../support/temp-dir';
import { createTestPki, type TestPki } from '../record/support/test-pki';

// Two clean corpus pages: a birth declaration of two pages' worth of fields, OCR'd by the real pipeline.
const first = corpusPage('viadm-18d1');
const second = corpusPage('viadm-c0af');
const applicantCccd = first.fields.cccd![0]!;
const correctedNumber = '125/2026/TB-UBND';
const correctedDate = '2026-11-20';

describe('the desk through the engine contract', () => {
  let app: AppServer;
  let engine: Engine;
  let pki: TestPki;
  let nextId = 1;
  const scratch = tempDir('sohoa-desk-engine-');

  /** Calls through the engine's edge, as a client would: validated input, coded errors. */
  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code, details: reply.error.details });
    return reply.result as MethodResult<K>;
  }
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
  /** A page's image as the viewer gets it, with what sharp reads in it. */
  const image = async (id: number, size: 'thumbnail' | 'preview' | 'full') => {
    const { dataUrl } = await call('page.image', { id, size });
    const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    const meta = await sharp(bytes).metadata();
    return {
      mime: dataUrl.slice(5, dataUrl.indexOf(';')),
      format: meta.format,
      width: meta.width,
      height: meta.height,
      bytes: bytes.length,
    };
  };

  let dossierId = 0;
  let documentId = 0;

  beforeAll(async () => {
    app = await startAppServer({ pipeline: true });
    engine = app.engine;
    pki = createTestPki();
    engine.store.settings.set('signing.trust-anchors', JSON.stringify([pki.caCert]));
  });

  afterAll(async () => {
    await app?.close();
    pki?.cleanup();
    scratch.remove();
  });

  it('shows a new dossier with the procedure’s components as its checklist', async () => {
    const procedure = (await call('procedure.list', { query: 'khai sinh' }))[0]!;
    const dossier = await call('dossier.create', {
      procedureCode: procedure.code,
      applicantName: first.fields.names[0]!,
      applicantCccd,
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;
    const view = await call('dossier.desk', { id: dossierId });
    expect(view.checklist.map((c) => c.component)).toEqual(procedure.components);
    expect(view.documents).toEqual([]);
    expect(view.dossier.status).toBe('received');
    documentId = (await call('document.create', { dossierId, component: procedure.components[0] })).id;
    expect((await call('dossier.desk', { id: dossierId })).checklist[0]!.documentIds).toEqual([documentId]);
  });

  it('reads imported pages, rotates and reorders them, and re-reads what was turned', { timeout: 240_000 }, async () => {
    const added = await call('document.importFiles', { documentId, paths: [first.path, second.path] });
    expect(added.added).toHaveLength(2);
    expect((await call('dossier.get', { id: dossierId })).status).toBe('scanning');
    await engine.idle();
    expect((await call('dossier.get', { id: dossierId })).status).toBe('checking');
    let doc = (await call('dossier.desk', { id: dossierId })).documents[0]!;
    expect(doc.pages.map((p) => p.state)).toEqual(['read', 'read']);
    expect(doc.record).not.toBeNull();

    const [p1, p2] = doc.pages;
    expect(await call('page.move', { pageId: p2!.id, documentId, position: 1 })).toEqual({ changed: true });
    expect(await call('page.move', { pageId: p2!.id, documentId, position: 1 })).toEqual({ changed: false });
    const before = p1!.rotation;
    const turned = (before + 90) % 360;
    const preview = await image(p1!.id, 'preview');
    expect(await call('page.rotate', { pageId: p1!.id, rotation: turned as 0 | 90 | 180 | 270 })).toEqual({ changed: true });
    // The viewer's preview is turned with the page.
    expect([(await image(p1!.id, 'full')).width, (await image(p1!.id, 'preview')).width, (await image(p1!.id, 'preview')).height]).toEqual([
      p1!.height,
      preview.height,
      preview.width,
    ]);
    expect(await call('page.rotate', { pageId: p1!.id, rotation: turned as 0 | 90 | 180 | 270 })).toEqual({ changed: false });
    expect(await call('page.rotate', { pageId: p1!.id, rotation: before as 0 | 90 | 180 | 270 })).toEqual({ changed: true });
    await engine.idle();
    doc = (await call('dossier.desk', { id: dossierId })).documents[0]!;
    expect(doc.pages.map((p) => p.id)).toEqual([p2!.id, p1!.id]);
    expect(doc.pages.map((p) => p.state)).toEqual(['read', 'read']);
    expect(doc.pages[1]!.rotation).toBe(before);
    const text = (await call('page.text', { pageId: p1!.id })).text!;
    expect(text.text.length).toBeGreaterThan(100);
  });

  it('gives the viewer a screen-size preview of each page besides the page itself', async () => {
    const page = (await call('dossier.desk', { id: dossierId })).documents[0]!.pages[0]!;
    const [thumbnail, preview, full] = [await image(page.id, 'thumbnail'), await image(page.id, 'preview'), await image(page.id, 'full')];
    expect([full.width, full.height]).toEqual([page.width, page.height]);
    expect(preview).toMatchObject({
      mime: 'image/jpeg',
      format: 'jpeg',
      width: PAGE_PREVIEW_WIDTH,
      height: Math.round((PAGE_PREVIEW_WIDTH * page.height!) / page.width!),
    });
    expect(preview.bytes).toBeLessThan(full.bytes);
    expect(thumbnail.width).toBe(200);
  });

  it('makes the preview on the first look for a page cleaned before previews were kept, and keeps it', async () => {
    const page = (await call('dossier.desk', { id: dossierId })).documents[0]!.pages[0]!;
    engine.store.db.prepare('UPDATE page SET preview_sha256 = NULL WHERE id = ?').run(page.id);
    const preview = await image(page.id, 'preview');
    expect(preview).toMatchObject({
      format: 'jpeg',
      width: PAGE_PREVIEW_WIDTH,
      height: Math.round((PAGE_PREVIEW_WIDTH * page.height!) / page.width!),
    });
    const kept = engine.store.pages.get(page.id)!.previewSha256;
    expect(kept).not.toBeNull();
    expect(engine.store.blobs.get(kept!).length).toBe(preview.bytes);
  });

  it('gives the extracted fields with where they were read, and keeps the clerk’s correction', async () => {
    const fields = await call('document.fields', { documentId });
    const cccd = fields.find((f) => f.name === 'cccd')!;
    const allCccds = [...(first.fields.cccd ?? []), ...(second.fields.cccd ?? [])];
    expect(allCccds).toContain(cccd.ocrValue);
    expect(cccd.bbox!.x1).toBeGreaterThan(cccd.bbox!.x0);
    expect(cccd.pageId).not.toBeNull();

    expect(await codeOf(call('document.setField', { documentId, name: 'cccd', value: failingCccd(applicantCccd) }))).toBe('input.invalid');
    expect(await codeOf(call('document.setField', { documentId, name: 'name', value: '  ' }))).toBe('input.invalid');
    const name = first.fields.names[1]!;
    const set = await call('document.setField', { documentId, name: 'name', value: name });
    expect(set).toMatchObject({ name: 'name', value: name, corrected: true });
    expect((await call('document.fields', { documentId })).find((f) => f.name === 'name')!.value).toBe(name);
    const audit = engine.store.audit.count();
    expect(audit).toBeGreaterThan(0);
  });

  it('builds the record again with the clerk’s document number and date, over what OCR read', { timeout: 120_000 }, async () => {
    const before = (await call('dossier.desk', { id: dossierId })).documents[0]!.record!;
    const ocr = await call('document.fields', { documentId });
    expect(ocr.find((f) => f.name === 'docNumber')!.value).not.toBe(correctedNumber);
    await call('document.setField', { documentId, name: 'docNumber', value: correctedNumber });
    await call('document.setField', { documentId, name: 'docDate', value: correctedDate });
    await engine.idle();
    const after = (await call('dossier.desk', { id: dossierId })).documents[0]!;
    expect(after.record!.version).toBeGreaterThan(before.version);
    expect(after).toMatchObject({ docNumber: correctedNumber, docDate: correctedDate });
    // The same correction again changes nothing, so the record is not built once more.
    await call('document.setField', { documentId, name: 'docNumber', value: correctedNumber });
    await engine.idle();
    expect((await call('dossier.desk', { id: dossierId })).documents[0]!.record!.version).toBe(after.record!.version);
  });

  it('refuses to finalize without a certificate, then signs every record once', { timeout: 120_000 }, async () => {
    expect(await codeOf(call('dossier.finalize', { dossierId }))).toBe('signer.locked');
    expect(await codeOf(call('signer.unlock', { p12Path: pki.signerP12, password: 'wrong' }))).toBe('signer.bad-password');
    expect(await call('signer.unlock', { p12Path: pki.signerP12, password: pki.password })).toMatchObject({
      unlocked: true,
      subject: pki.signerCommonName,
    });

    const result = await call('dossier.finalize', { dossierId, confirmMissing: true });
    expect(result.signed.map((s) => s.documentId)).toEqual([documentId]);
    const again = await call('dossier.finalize', { dossierId, confirmMissing: true });
    expect(again).toMatchObject({ signed: [], alreadySigned: [documentId] });

    const view = await call('dossier.desk', { id: dossierId });
    expect(view.dossier.status).toBe('finalized');
    const record = view.documents[0]!.record!;
    expect(record).toMatchObject({ signed: true, signer: pki.signerCommonName, id: result.signed[0]!.recordId });
    const verification = await call('record.verify', { recordId: record.id });
    expect(verification.intact).toBe(true);
    expect(verification.signatures.map((s) => s.signer)).toEqual([pki.signerCommonName]);
    expect(pdfsig(engine.store.blobs.get(record.pdfSha256)).validity).toEqual(['Signature is Valid.']);
    expect(engine.store.db.prepare('SELECT count(*) AS n FROM outbox_item WHERE record_id = ?').get(record.id)).toEqual({ n: 1 });

    const signedFile = join(scratch.path, 'signed.pdf');
    writeFileSync(signedFile, engine.store.blobs.get(record.pdfSha256));
    expect(await recordXmpFields(signedFile)).toMatchObject({ documentNumber: correctedNumber, documentDate: correctedDate });
  });

  it('refuses changes to a finalized dossier with a coded error, until the clerk reopens it (audited)', async () => {
    const doc = (await call('dossier.desk', { id: dossierId })).documents[0]!;
    const pageId = doc.pages[0]!.id;
    const refused = await Promise.all([
      codeOf(call('page.delete', { pageId })),
      codeOf(call('page.move', { pageId, documentId, position: 2 })),
      codeOf(call('page.rotate', { pageId, rotation: ((doc.pages[0]!.rotation + 90) % 360) as 0 | 90 | 180 | 270 })),
      codeOf(call('page.rescan', { pageId })),
      codeOf(call('document.setField', { documentId, name: 'docNumber', value: '1/2026' })),
      codeOf(call('document.importFiles', { documentId, paths: [first.path] })),
      codeOf(call('document.create', { dossierId })),
    ]);
    expect(refused).toEqual(Array(refused.length).fill('dossier.finalized'));
    const unchanged = (await call('dossier.desk', { id: dossierId })).documents;
    expect(unchanged.map((d) => d.pages.map((p) => p.id))).toEqual([doc.pages.map((p) => p.id)]);
    expect(unchanged[0]!.record).toEqual(doc.record);

    const other = await call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Trần Thị Bích',
      applicantCccd: '079190012345',
      receivedDate: '2026-11-23',
    });
    expect(await codeOf(call('dossier.reopen', { id: other.id, reason: 'sửa' }))).toBe('dossier.not-finalized');
    expect(await codeOf(call('dossier.reopen', { id: dossierId, reason: '  ' }))).toBe('input.invalid');
    const reopened = await call('dossier.reopen', { id: dossierId, reason: 'Công dân bổ sung trang' });
    expect(reopened.status).toBe('checking');
    const event = engine.store.db
      .prepare(`SELECT details FROM audit_event WHERE action = 'dossier.reopen' AND subject = ?`)
      .get(String(dossierId)) as { details: string };
    expect(JSON.parse(event.details)).toMatchObject({ from: 'finalized', reason: 'Công dân bổ sung trang' });
  });

  it('offers the signed document to the next dossier of the same person, once', async () => {
    const other = await call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Người khác',
      applicantCccd: '079090012345',
      receivedDate: '2026-11-23',
    });
    expect(await call('dossier.reuseCandidates', { dossierId: other.id })).toEqual([]);
    const next = await call('dossier.create', {
      procedureCode: 'MAU-HT-02',
      applicantName: first.fields.names[0]!,
      applicantCccd,
      receivedDate: '2026-11-23',
    });
    const offers = await call('dossier.reuseCandidates', { dossierId: next.id });
    expect(offers.map((o) => o.documentId)).toEqual([documentId]);
    expect(await codeOf(call('document.reuse', { dossierId: other.id, sourceDocumentId: documentId }))).toBe('reuse.not-allowed');
    const reused = await call('document.reuse', { dossierId: next.id, sourceDocumentId: documentId });
    expect(await call('document.reuse', { dossierId: next.id, sourceDocumentId: documentId })).toEqual(reused);
    const view = await call('dossier.desk', { id: next.id });
    expect(view.reusesData).toBe(true);
    expect(view.documents.map((d) => d.reusedFrom)).toEqual([documentId]);
    expect(await call('dossier.reuseCandidates', { dossierId: next.id })).toEqual([]);
  });

  it('deletes a page once and rebuilds the record from what is left', { timeout: 120_000 }, async () => {
    const doc = (await call('dossier.desk', { id: dossierId })).documents[0]!;
    const gone = doc.pages[0]!.id;
    expect(await call('page.delete', { pageId: gone })).toEqual({ deleted: true });
    expect(await call('page.delete', { pageId: gone })).toEqual({ deleted: false });
    await engine.idle();
    const after = (await call('dossier.desk', { id: dossierId })).documents[0]!;
    expect(after.pages.map((p) => p.position)).toEqual([1]);
    expect(after.record!.signed).toBe(false);
    expect(after.record!.version).toBeGreaterThan(doc.record!.version);
  });

  it('keeps a finalization’s progress in the engine, for a window that reopens while it runs', { timeout: 60_000 }, async () => {
    const work = call('dossier.finalize', { dossierId, confirmMissing: true });
    // What a window opened now sees: the engine's own record of the run.
    expect((await call('dossier.desk', { id: dossierId })).finalizing).toEqual({ done: 0, total: 1 });
    const result = await work;
    expect(result.signed.map((s) => s.documentId)).toEqual([documentId]);
    const view = await call('dossier.desk', { id: dossierId });
    expect(view.finalizing).toBeNull();
    expect(view.documents[0]!.record!.signed).toBe(true);
    expect(view.dossier.status).toBe('finalized');
    // The version signed before the reopen stays, beside the new signed one.
    const signed = engine.store.db.prepare('SELECT count(*) AS n FROM record WHERE document_id = ? AND signed = 1').get(documentId) as {
      n: number;
    };
    expect(signed.n).toBe(2);
  });
});

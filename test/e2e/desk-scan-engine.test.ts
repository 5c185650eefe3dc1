import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { makeSaneTestConfig } from '../capture/sane-test-scanner';
import { pdftotext } from '../record/support/pdf-tools';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

// scanimage behind a wrapper that lets the real test scanner deliver two pages, then reports
// what a scanner unplugged mid-feed leaves on stderr: the outermost seam, the real scanner inside.
const DISCONNECT_AFTER = 2;
const unplugging = (dir: string) => {
  const path = join(dir, 'scanimage-unplugged');
  writeFileSync(
    path,
    `#!/bin/sh
case "$*" in
  *--batch=*) scanimage "$@" --batch-count=${DISCONNECT_AFTER}; echo "scanimage: sane_read: Error during device I/O" >&2; exit 1 ;;
  *) exec scanimage "$@" ;;
esac
`,
  );
  chmodSync(path, 0o755);
  return path;
};

describe('scanning into a document through the engine', () => {
  const dir = tempDir('sohoa-desk-scan-');
  let engine: Engine;
  let sane: Awaited<ReturnType<typeof makeSaneTestConfig>>;
  let documentId = 0;
  let dossierId = 0;

  beforeAll(async () => {
    sane = await makeSaneTestConfig();
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data') }));
    const procedure = (await engine.handlers['procedure.list']({}))[0]!;
    dossierId = (
      await engine.handlers['dossier.create']({
        procedureCode: procedure.code,
        applicantName: 'Lê Văn Cường',
        applicantCccd: '074090054321',
        receivedDate: '2026-11-23',
      })
    ).id;
    documentId = (await engine.handlers['document.create']({ dossierId })).id;
  });

  afterAll(async () => {
    await engine?.close();
    await sane?.cleanup();
    dir.remove();
  });

  const useScanner = (extra: Record<string, unknown> = {}) =>
    engine.store.settings.set(
      'scanner.drivers',
      JSON.stringify({ sane: { env: sane.env, extraScanArgs: ['--test-picture', 'Grid'], ...extra } }),
    );

  it('lists the test scanner and scans one flatbed page into the document, reporting progress', async () => {
    useScanner();
    const { devices } = await engine.handlers['scanner.list']({});
    const device = devices.find((d) => d.id === 'test:0');
    expect(device?.driver).toBe('sane');
    const progress: number[] = [];
    const off = engine.events.subscribe((event, payload) => {
      if (event === 'progress' && (payload as { task: string }).task === `scan:${documentId}`)
        progress.push((payload as { done: number }).done);
    });
    const result = await engine.handlers['scanner.scan']({
      documentId,
      driver: 'sane',
      deviceId: 'test:0',
      dpi: 100,
      colorMode: 'gray',
      source: 'flatbed',
    });
    off();
    expect(result).toMatchObject({ cancelled: false, error: null, duplicates: [] });
    expect(result.added).toHaveLength(1);
    expect(progress).toEqual([1]);
    const [doc] = await engine.handlers['document.list']({ dossierId });
    expect(doc!.pages.map((p) => p.id)).toEqual(result.added);
  });

  it('keeps the pages scanned before the scanner went away, and says why it stopped', async () => {
    useScanner({ scanimagePath: unplugging(dir.path), extraScanArgs: ['--test-picture', 'Color pattern'] });
    const second = (await engine.handlers['document.create']({ dossierId })).id;
    const result = await engine.handlers['scanner.scan']({
      documentId: second,
      driver: 'sane',
      deviceId: 'test:0',
      dpi: 100,
      colorMode: 'color',
      source: 'adf',
    });
    expect(result.error?.code).toBe('scanner.failed');
    // The test backend's feeder repeats one picture, so the second page is the first one again.
    expect(result.added.length + result.duplicates.length).toBe(DISCONNECT_AFTER);
    const docs = await engine.handlers['document.list']({ dossierId });
    expect(docs.find((d) => d.id === second)!.pages.map((p) => p.id)).toEqual(result.added);
  });

  it('names an unknown scanner and refuses a scan into a document that does not exist', async () => {
    useScanner();
    const gone = await engine.handlers['scanner.scan']({
      documentId,
      driver: 'sane',
      deviceId: 'test:9',
      dpi: 100,
      colorMode: 'gray',
      source: 'flatbed',
    });
    expect(gone.error?.code).toMatch(/^scanner\./);
    expect(gone.added).toEqual([]);
    await expect(
      engine.handlers['scanner.scan']({
        documentId: 99_999,
        driver: 'sane',
        deviceId: 'test:0',
        dpi: 100,
        colorMode: 'gray',
        source: 'flatbed',
      }),
    ).rejects.toMatchObject({ code: 'document.not-found' });
    expect(await engine.handlers['scanner.cancel']({ documentId })).toEqual({ cancelled: false });
  });

  it('re-scans a page with the scanner and settings the dossier was last scanned with, in the old page’s place', async () => {
    const before = (await engine.handlers['document.list']({ dossierId })).find((d) => d.id === documentId)!.pages;
    const old = before[0]!;
    useScanner({ extraScanArgs: ['--test-picture', 'Solid black'] });
    const result = await engine.handlers['page.rescan']({ pageId: old.id });
    expect(result.replaced).toBe(old.id);
    expect(before.map((p) => p.id)).not.toContain(result.pageId);
    const after = (await engine.handlers['document.list']({ dossierId })).find((d) => d.id === documentId)!.pages;
    expect(after.map((p) => p.id)).toEqual(before.map((p) => (p.id === old.id ? result.pageId : p.id)));
    // The last scan of this dossier fed the ADF in colour: the re-scan did the same.
    expect(after.find((p) => p.id === result.pageId)!.source).toBe('sane:test:0#rescan');
    expect(engine.store.dossiers.scanProfile(dossierId)).toMatchObject({ source: 'adf', colorMode: 'color' });
    expect(engine.store.pages.get(old.id)).toBeUndefined();

    const other = (
      await engine.handlers['dossier.create']({
        procedureCode: (await engine.handlers['dossier.get']({ id: dossierId })).procedureCode!,
        applicantName: 'Lê Thị Dung',
        applicantCccd: '074190054321',
        receivedDate: '2026-11-23',
      })
    ).id;
    const otherDoc = (await engine.handlers['document.create']({ dossierId: other })).id;
    const png = await sharp({ create: { width: 64, height: 90, channels: 3, background: { r: 240, g: 240, b: 240 } } })
      .png()
      .toBuffer();
    const [imported] = (await engine.handlers['page.addImage']({ documentId: otherDoc, imageBase64: png.toString('base64') })).added;
    await expect(engine.handlers['page.rescan']({ pageId: imported! })).rejects.toMatchObject({ code: 'page.rescan-no-scanner' });
  });

  it('prints the receipt for the citizen, with the code, the applicant and each component', async () => {
    const dossier = await engine.handlers['dossier.get']({ id: dossierId });
    const procedure = (await engine.handlers['procedure.list']({})).find((p) => p.code === dossier.procedureCode)!;
    const { pdfBase64 } = await engine.handlers['dossier.receipt']({ id: dossierId });
    const text = pdftotext(Buffer.from(pdfBase64, 'base64')).replace(/\s+/g, ' ');
    expect(text).toContain(dossier.code);
    expect(text).toContain(dossier.applicantName!);
    expect(text).toContain(dossier.dueDate!.split('-').reverse().join('/'));
    for (const component of procedure.components) expect(text).toContain(component);
  });
});

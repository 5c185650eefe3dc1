import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFolderLayout } from '../../src/core/archive/folder-layout';
import { HotFolder } from '../../src/core/capture/hot-folder';
import { BAG } from '../../src/core/sync/bag-layout';
import { isSafeBagPath, validateBag } from '../../src/core/sync/bag-validator';
import { exportBag } from '../../src/core/sync/bag-writer';
import { FileBlobStore } from '../../src/core/store/blob-store';
import type { OutboxEntry } from '../../src/core/store/outbox-repository';
import { collect, corpusFile, corpusPages } from '../capture-files/helpers';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const page = corpusFile(corpusPages.find((p) => p.variant === 'clean')!);

/** A bag whose payload is the given files, with correct manifests for whatever names it is told. */
function writeBag(dir: string, payload: { name: string; bytes: Buffer; write?: boolean }[]): void {
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const p of payload) if (p.write !== false) writeFileSync(join(dir, p.name), p.bytes);
  const files: [string, string][] = [
    [BAG.declaration, 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'],
    [BAG.info, 'Source-Organization: test\n'],
    [BAG.manifest, payload.map((p) => `${sha(p.bytes)}  ${p.name}\n`).join('')],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, BAG.tagManifest), files.map(([name, text]) => `${sha(text)}  ${name}\n`).join(''));
}

describe('paths from outside cannot leave their folder', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const outside = join(dir.path, 'outside');
  mkdirSync(outside, { recursive: true });
  copyFileSync(page, join(outside, 'secret.png'));

  it('an import folder does not follow symbolic links out of it (files or folders)', async () => {
    const folder = join(dir.path, 'import');
    mkdirSync(folder);
    copyFileSync(page, join(folder, 'a.png'));
    symlinkSync(join(outside, 'secret.png'), join(folder, 'b-link.png'));
    symlinkSync(outside, join(folder, 'c-linked-folder'));
    symlinkSync('../outside/secret.png', join(folder, 'd-relative-link.png'));
    const items = await collect(folder);
    expect(items.map((i) => relative(folder, i.source))).toEqual(['a.png']);
  });

  it('a hot folder takes no file through a symbolic link', async () => {
    const hot = join(dir.path, 'hot');
    mkdirSync(hot);
    copyFileSync(page, join(hot, 'scan-1.png'));
    symlinkSync(join(outside, 'secret.png'), join(hot, 'scan-2.png'));
    let t = 0;
    const taken: string[] = [];
    const folder = new HotFolder({ dir: hot, settleMs: 10, now: () => t, onFile: (f) => void taken.push(f.name) });
    await folder.poll();
    t += 100;
    await folder.poll();
    expect(taken).toEqual(['scan-1.png']);
    expect(existsSync(join(outside, 'secret.png'))).toBe(true);
  });

  it('a batch folder takes no dossier or box through a symbolic link', async () => {
    const root = join(dir.path, 'batch');
    mkdirSync(join(root, 'HS 1'), { recursive: true });
    copyFileSync(page, join(root, 'HS 1', '1.png'));
    mkdirSync(join(root, 'Hop 2', 'HS 3'), { recursive: true });
    copyFileSync(page, join(root, 'Hop 2', 'HS 3', '1.png'));
    symlinkSync(outside, join(root, 'HS 9 link'));
    symlinkSync(outside, join(root, 'Hop 2', 'HS 4 link'));
    const layout = await readFolderLayout(root);
    expect(layout.dossiers.map((d) => d.relPath)).toEqual(['Hop 2/HS 3', 'HS 1']);
    for (const d of layout.dossiers) expect((await collect(d.path)).every((i) => i.source.startsWith(root))).toBe(true);
  });

  it('a bag entry cannot name a file outside the bag: ../, absolute, drive letters, backslashes', async () => {
    for (const name of [
      '../outside/secret.png',
      'data/../../outside/secret.png',
      '/etc/passwd',
      'C:/Windows/win.ini',
      'c:secret',
      'data\\..\\..\\secret',
      'data/./x',
      './data/x',
    ]) {
      expect([name, isSafeBagPath(name)]).toEqual([name, false]);
      const bag = join(dir.path, `bag-${sha(name).slice(0, 8)}`);
      writeBag(bag, [{ name, bytes: Buffer.from('x'), write: false }]);
      const report = await validateBag(bag);
      expect(report.valid).toBe(false);
      expect(report.problems).toContainEqual(expect.objectContaining({ code: 'bag.unsafe-path' }));
      expect(report.payload).toEqual([]);
    }
  });

  it('a bag cannot reach outside through a symbolic link, as its data folder, a sub-folder or a file', async () => {
    const secret = Buffer.from(readFileSync(join(outside, 'secret.png')));
    const cases: [string, (bag: string) => void][] = [
      ['data folder', (bag) => symlinkSync(outside, join(bag, 'data'))],
      ['sub-folder', (bag) => (mkdirSync(join(bag, 'data')), symlinkSync(outside, join(bag, 'data', 'sub')))],
      ['file', (bag) => (mkdirSync(join(bag, 'data')), symlinkSync(join(outside, 'secret.png'), join(bag, 'data', 'secret.png')))],
    ];
    for (const [what, link] of cases) {
      const bag = join(dir.path, `bag-link-${what.replace(' ', '-')}`);
      mkdirSync(bag);
      link(bag);
      const name = what === 'sub-folder' ? 'data/sub/secret.png' : 'data/secret.png';
      writeBag(bag, [{ name, bytes: secret, write: false }]);
      const report = await validateBag(bag);
      expect([what, report.valid]).toEqual([what, false]);
      expect(report.problems).toContainEqual(expect.objectContaining({ code: 'bag.unsafe-path' }));
    }
  });

  it('an exported bag names its files from dossier codes without leaving its folder', async () => {
    const blobs = new FileBlobStore(join(dir.path, 'blobs'), TEST_KEY);
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const pdfSha256 = blobs.put(pdf);
    const codes = ['../../../etc/passwd', '..', '/abs/olute', 'C:\\Windows\\x', '.hidden', 'HS-2021/001'];
    const entries = codes.map(
      (dossierCode, i) =>
        ({
          id: i + 1,
          recordId: i + 1,
          documentId: i + 1,
          version: 1,
          pdfSha256,
          dossierCode,
          procedureCode: null,
          agencyCode: null,
          year: 2021,
          dossierStatus: 'finalized',
          signedAt: null,
        }) as unknown as OutboxEntry,
    );
    const target = join(dir.path, 'exported');
    await exportBag(entries, blobs, target, { workstationId: 'ws-1', sourceOrganization: 'test' });
    const names = readdirSync(join(target, 'data'));
    expect(names).toHaveLength(codes.length);
    for (const n of names) {
      expect(isSafeBagPath(`data/${n}`)).toBe(true);
      expect(n.startsWith('.')).toBe(false);
    }
    expect(
      readdirSync(dir.path).filter((n) => !['outside', 'import', 'hot', 'batch', 'blobs', 'exported'].includes(n) && !n.startsWith('bag-')),
    ).toEqual([]);
    expect(existsSync(join(dir.path, 'etc'))).toBe(false);
    expect((await validateBag(target)).valid).toBe(true);
  });
});

import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { DB_FILE } from '../../src/core/store/database';
import { connect, signedInPerRole, type Connection } from '../auth/connection';
import { corpusFile, corpusPages } from '../capture-files/helpers';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

/** Every contract method that takes a path reads only what its role needs: never the store, the key, or the system's trees. */
describe('paths a caller gives the engine', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const keyFile = join(dir.path, 'keys', 'desk.key');
  const outside = join(dir.path, 'scans');
  const page = corpusFile(corpusPages.find((p) => p.variant === 'clean')!);
  let engine: Engine;
  let clerk: Connection;
  let pki: TestPki;
  let documentId: number;

  beforeAll(async () => {
    pki = createTestPki();
    engine = setTestAgency(Engine.open({ dataDir, keyFile }));
    clerk = (await signedInPerRole(engine, ['clerk'])).clerk;
    const d = await clerk.call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Lâm Quang Khoa',
      applicantCccd: '074093513649',
      receivedDate: '2026-11-23',
    });
    documentId = (await clerk.call('document.create', { dossierId: d.id, component: 'Tờ khai' })).id;
    mkdirSync(outside, { recursive: true });
    copyFileSync(page, join(outside, 'trang-1.png'));
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('imports pages from a scan folder, but reports the store, the key file, a folder holding them and /proc as not allowed', async () => {
    expect(existsSync(join(dataDir, DB_FILE)) && existsSync(keyFile)).toBe(true);
    const refused = [join(dataDir, DB_FILE), keyFile, dir.path, join(dataDir, 'blobs'), '/proc/self/environ', 'trang-1.png'];
    const result = await clerk.call('document.importFiles', { documentId, paths: [...refused, join(outside, 'trang-1.png')] });
    expect(result.added).toHaveLength(1);
    expect(result.errors.map((e) => [e.source, e.code])).toEqual(refused.map((p) => [p, 'path.not-allowed']));
  });

  it('replaces a page only from a file outside the data directory', async () => {
    const [pageRow] = engine.store.pages.ofDocument(documentId);
    expect(await codeOf(clerk.call('page.replace', { pageId: pageRow!.id, path: join(dataDir, DB_FILE) }))).toBe('path.not-allowed');
  });

  it('unlocks a signer from a .p12 file only, never from the data key', async () => {
    expect(await codeOf(clerk.call('signer.unlock', { p12Path: keyFile, password: 'x' }))).toBe('path.not-allowed');
    expect(await codeOf(clerk.call('signer.unlock', { p12Path: '/etc/passwd', password: 'x' }))).toBe('path.not-allowed');
    expect(await clerk.call('signer.unlock', { p12Path: pki.signerP12, password: pki.password })).toMatchObject({ unlocked: true });
  });

  it('loads no token module a signed-in caller names: only the configured one, from a library file other users cannot have written', async () => {
    const planted = join(outside, 'libtoken.so');
    writeFileSync(planted, 'not a library');
    chmodSync(planted, 0o644);
    for (const modulePath of ['/etc/passwd', planted, keyFile]) {
      expect(await codeOf(clerk.call('signer.unlockToken', { modulePath, pin: '1234' }))).toBe('signer.module-refused');
    }
    const refusals = engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'signer.unlock'`).get() as { n: number };
    engine.store.settings.set('signing.pkcs11-module', planted);
    chmodSync(planted, 0o666);
    expect(await codeOf(clerk.call('signer.unlockToken', { pin: '1234' }))).toBe('path.not-allowed');
    expect(await codeOf(clerk.call('signer.unlockToken', { modulePath: planted, pin: '1234' }))).toBe('path.not-allowed');
    chmodSync(planted, 0o644);
    // The configured module, named or not, is loaded (and found not to be a library).
    for (const params of [{ pin: '1234' }, { modulePath: planted, pin: '1234' }]) {
      expect(await codeOf(clerk.call('signer.unlockToken', params))).not.toMatch(/^(path\.not-allowed|signer\.module-refused)$/);
    }
    expect(await codeOf(clerk.call('signer.unlockToken', { modulePath: '/etc/passwd', pin: '1234' }))).toBe('signer.module-refused');
    const after = engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'signer.unlock'`).get() as { n: number };
    expect(after.n).toBe(refusals.n);
  });

  it('refuses the same for a connection that is not signed in, before reading anything', async () => {
    expect(await codeOf(connect(engine).call('signer.unlock', { p12Path: keyFile, password: 'x' }))).toBe('auth.required');
  });
});

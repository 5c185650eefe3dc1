import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { TRUST_ANCHORS_SETTING } from '../../src/core/record/trust-anchors';
import { signedInPerRole, type Connection } from '../auth/connection';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { createForeignSigners, createTestPki, TEST_CA_CERT, type TestPki } from './support/test-pki';

/** A trust anchor is a certification authority's root: an end-entity certificate vouches for nobody. */
describe('trust.add takes only a CA certificate', () => {
  const dir = tempDir('sohoa-trust-add-');
  let engine: Engine;
  let admin: Connection;
  let pki: TestPki;
  let foreign: ReturnType<typeof createForeignSigners>;
  const base64 = (path: string) => readFileSync(path).toString('base64');
  const anchors = () => engine.store.settings.get(TRUST_ANCHORS_SETTING) ?? '';
  const added = () =>
    (engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'trust.add'`).get() as { n: number }).n;

  /** A certificate that says CA:TRUE but whose key usage does not allow signing certificates. */
  function caWithoutKeyCertSign(): string {
    const out = join(dir.path, 'ca-no-certsign.crt');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir.path, 'ca-no-certsign.key'), '-out', out, '-days', '30',
      '-subj', '/CN=CA without keyCertSign', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature',
    ], { stdio: 'ignore' }); // prettier-ignore
    return out;
  }

  beforeAll(async () => {
    pki = createTestPki();
    foreign = createForeignSigners('UBND phường Bến Thành', 'pass');
    engine = Engine.open({ dataDir: dir.path });
    admin = (await signedInPerRole(engine, ['administrator'])).administrator;
  });
  afterAll(async () => {
    await engine?.close();
    pki?.cleanup();
    foreign?.cleanup();
    dir.remove();
  });

  it('refuses an end-entity certificate, self-signed or issued by a CA, and a CA certificate without keyCertSign, adding nothing', async () => {
    const before = anchors();
    for (const path of [pki.signerCertDer, join(pki.dir, 'signer.crt'), caWithoutKeyCertSign()]) {
      expect(await codeOf(admin.call('trust.add', { certificateBase64: base64(path) }))).toBe('trust.not-a-ca');
    }
    // The attacker's self-signed certificate, with the agency's name.
    const selfSigned = execFileSync('openssl', ['pkcs12', '-in', foreign.selfSignedP12, '-nokeys', '-clcerts', '-passin', 'pass:pass']);
    expect(await codeOf(admin.call('trust.add', { certificateBase64: selfSigned.toString('base64') }))).toBe('trust.not-a-ca');
    expect(anchors()).toBe(before);
    expect(added()).toBe(0);
    expect(await admin.call('trust.list', {})).toEqual([]);
  });

  it('takes a CA root (basicConstraints cA, keyCertSign), audited', async () => {
    const list = await admin.call('trust.add', { certificateBase64: base64(TEST_CA_CERT) });
    expect(list.map((v) => v.certificate?.commonName)).toEqual(['SoHoa Test CA']);
    expect(added()).toBe(1);
  });
});

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrustAnchors } from '../../../src/core/record/trust-anchors';

/** The test CA every test PKI issues from (a fixed key, valid for a century), so a hub or a data directory can trust it up front. */
export const TEST_CA_CERT = join(import.meta.dirname, '../../fixtures/pki/test-ca.crt');
const TEST_CA_KEY = join(import.meta.dirname, '../../fixtures/pki/test-ca.key');

/** The test CA as the trust anchors `verifyPdf` takes. */
export const testTrustAnchors = (): string[] => readTrustAnchors([TEST_CA_CERT]);

/** A throw-away PKI made with openssl in a temp dir: a CA, signer certificates as .p12, a TSA. */
export interface TestPki {
  dir: string;
  caCert: string;
  caCertDer: string;
  /** Signer with digitalSignature + nonRepudiation. */
  signerP12: string;
  signerKeyDer: string;
  signerCertDer: string;
  /** Signer whose key usage only allows key encipherment. */
  encipherOnlyP12: string;
  password: string;
  signerCommonName: string;
  tsaCert: string;
  tsaKey: string;
  tsaConfig: string;
  /** The CA as trust anchors for `verifyPdf`. */
  trustAnchors: string[];
  cleanup(): void;
}

const extensions = `
[ca_ext]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[signer_ext]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[encipher_ext]
basicConstraints=CA:FALSE
keyUsage=critical,keyEncipherment
[tsa_ext]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=critical,timeStamping
`;

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-pki-'));
  const password = 'mật-khẩu 1';
  const signerCommonName = 'UBND xã Thử Nghiệm';
  writeFileSync(join(dir, 'ext.cnf'), extensions);
  copyFileSync(TEST_CA_CERT, join(dir, 'ca.crt'));
  copyFileSync(TEST_CA_KEY, join(dir, 'ca.key'));
  const issue = (name: string, subject: string, ext: string) => {
    openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject, '-utf8']);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '10',
      '-extfile',
      'ext.cnf',
      '-extensions',
      ext,
    ]);
  };
  issue('signer', `/CN=${signerCommonName}/O=SoHoa Test`, 'signer_ext');
  issue('encipher', '/CN=Encipher Only/O=SoHoa Test', 'encipher_ext');
  issue('tsa', '/CN=SoHoa Test TSA/O=SoHoa Test', 'tsa_ext');
  const p12 = (name: string) =>
    openssl(dir, [
      'pkcs12',
      '-export',
      '-inkey',
      `${name}.key`,
      '-in',
      `${name}.crt`,
      '-certfile',
      'ca.crt',
      '-out',
      `${name}.p12`,
      '-passout',
      `pass:${password}`,
    ]);
  p12('signer');
  p12('encipher');
  openssl(dir, ['pkcs8', '-topk8', '-nocrypt', '-in', 'signer.key', '-outform', 'DER', '-out', 'signer.key.der']);
  openssl(dir, ['x509', '-in', 'signer.crt', '-outform', 'DER', '-out', 'signer.crt.der']);
  openssl(dir, ['x509', '-in', 'ca.crt', '-outform', 'DER', '-out', 'ca.crt.der']);
  writeFileSync(join(dir, 'tsa.cnf'), tsaConfig(dir));
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caCertDer: join(dir, 'ca.crt.der'),
    signerP12: join(dir, 'signer.p12'),
    signerKeyDer: join(dir, 'signer.key.der'),
    signerCertDer: join(dir, 'signer.crt.der'),
    encipherOnlyP12: join(dir, 'encipher.p12'),
    password,
    signerCommonName,
    tsaCert: join(dir, 'tsa.crt'),
    tsaKey: join(dir, 'tsa.key'),
    tsaConfig: join(dir, 'tsa.cnf'),
    trustAnchors: testTrustAnchors(),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Signers an attacker could make: a self-signed certificate, and one from a CA of their own, both
 * with the agency's common name. Each as a .p12 with `password`.
 */
export function createForeignSigners(
  commonName: string,
  password: string,
): { selfSignedP12: string; otherCaP12: string; otherCaCert: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-foreign-pki-'));
  writeFileSync(join(dir, 'ext.cnf'), extensions);
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'self.key',
    '-out',
    'self.crt',
    '-days',
    '10',
    '-subj',
    `/CN=${commonName}/O=SoHoa Test`,
    '-utf8',
    '-addext',
    'keyUsage=critical,digitalSignature,nonRepudiation',
  ]);
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'other-ca.key',
    '-out',
    'other-ca.crt',
    '-days',
    '30',
    '-subj',
    '/CN=SoHoa Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'other.key',
    '-out',
    'other.csr',
    '-subj',
    `/CN=${commonName}/O=SoHoa Test`,
    '-utf8',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'other.csr',
    '-CA',
    'other-ca.crt',
    '-CAkey',
    'other-ca.key',
    '-CAcreateserial',
    '-out',
    'other.crt',
    '-days',
    '10',
    '-extfile',
    'ext.cnf',
    '-extensions',
    'signer_ext',
  ]);
  openssl(dir, ['pkcs12', '-export', '-inkey', 'self.key', '-in', 'self.crt', '-out', 'self.p12', '-passout', `pass:${password}`]);
  openssl(dir, [
    'pkcs12',
    '-export',
    '-inkey',
    'other.key',
    '-in',
    'other.crt',
    '-certfile',
    'other-ca.crt',
    '-out',
    'other.p12',
    '-passout',
    `pass:${password}`,
  ]);
  return {
    selfSignedP12: join(dir, 'self.p12'),
    otherCaP12: join(dir, 'other.p12'),
    otherCaCert: join(dir, 'other-ca.crt'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function tsaConfig(dir: string): string {
  return `
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = ${dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

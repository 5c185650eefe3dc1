import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A CA of its own that publishes revocation: a CRL served over HTTP on 127.0.0.1 and an
 * `openssl ocsp` responder, each named in the certificates it issues. Four signers: one named
 * only by the CRL and one only by the responder, each once good and once revoked.
 */
export interface RevocationPki {
  caCert: string;
  /** `.p12` files, password `password`. */
  signers: Record<'crlGood' | 'crlRevoked' | 'ocspGood' | 'ocspRevoked', string>;
  password: string;
  stop(): Promise<void>;
}

const run = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

export async function startRevocationPki(dir: string, crlPort: number, ocspPort: number): Promise<RevocationPki> {
  const password = 'revocation-test';
  writeFileSync(
    join(dir, 'ext.cnf'),
    `[crl_signer]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
authorityKeyIdentifier=keyid
crlDistributionPoints=URI:http://127.0.0.1:${crlPort}/ca.crl
[ocsp_signer]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
authorityKeyIdentifier=keyid
authorityInfoAccess=OCSP;URI:http://127.0.0.1:${ocspPort}
`,
  );
  writeFileSync(
    join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=ca.crt\nprivate_key=ca.key\n',
  );
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  run(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-subj',
    '/CN=SoHoa Revocation Test CA',
    '-days',
    '30',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-addext',
    'subjectKeyIdentifier=hash',
  ]);
  const issue = (name: string, serial: string, ext: 'crl_signer' | 'ocsp_signer', revoked: boolean) => {
    run(dir, [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=UBND xã Thử ${name}`,
      '-utf8',
    ]);
    run(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      serial,
      '-out',
      `${name}.crt`,
      '-days',
      '10',
      '-extfile',
      'ext.cnf',
      '-extensions',
      ext,
    ]);
    run(dir, ['ca', '-config', 'ca.cnf', revoked ? '-revoke' : '-valid', `${name}.crt`]);
    run(dir, [
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
    return join(dir, `${name}.p12`);
  };
  const signers = {
    crlGood: issue('crlGood', '0x1001', 'crl_signer', false),
    crlRevoked: issue('crlRevoked', '0x1002', 'crl_signer', true),
    ocspGood: issue('ocspGood', '0x1003', 'ocsp_signer', false),
    ocspRevoked: issue('ocspRevoked', '0x1004', 'ocsp_signer', true),
  };
  run(dir, ['ca', '-config', 'ca.cnf', '-gencrl', '-out', 'ca.crl.pem']);
  run(dir, ['crl', '-in', 'ca.crl.pem', '-outform', 'DER', '-out', 'ca.crl']);

  const crl = readFileSync(join(dir, 'ca.crl'));
  const crlServer: Server = createServer((req, res) => {
    if (req.url === '/ca.crl') res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(crl);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => crlServer.listen(crlPort, '127.0.0.1', resolve));
  const responder: ChildProcess = spawn(
    'openssl',
    ['ocsp', '-port', String(ocspPort), '-index', 'index.txt', '-CA', 'ca.crt', '-rsigner', 'ca.crt', '-rkey', 'ca.key'],
    { cwd: dir, stdio: 'ignore' },
  );
  await waitForResponder(dir, ocspPort);
  return {
    caCert: join(dir, 'ca.crt'),
    signers,
    password,
    async stop() {
      responder.kill();
      await new Promise((resolve) => crlServer.close(resolve));
    },
  };
}

/** The responder answers once it listens: ask it about a certificate until it does (a few seconds at most). */
async function waitForResponder(dir: string, port: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      run(dir, ['ocsp', '-issuer', 'ca.crt', '-cert', 'ocspGood.crt', '-url', `http://127.0.0.1:${port}`, '-CAfile', 'ca.crt']);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`openssl ocsp did not answer on port ${port}`);
}

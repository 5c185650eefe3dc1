import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** A self-signed signing certificate for benches, as `s.p12` in `dir`, with its password. */
export function makeBenchP12(dir: string): { path: string; password: string } {
  const password = 'bench';
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'k.pem',
    '-out',
    'c.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Bench Signer',
    '-addext',
    'keyUsage=critical,digitalSignature,nonRepudiation',
  ]);
  ssl(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 's.p12', '-passout', `pass:${password}`]);
  return { path: join(dir, 's.p12'), password };
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const softhsmModule = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  label: string;
  pin: string;
  conf: string;
  cleanup(): void;
}

/**
 * A SoftHSM2 token in its own directory (private SOFTHSM2_CONF, set for this process so
 * pkcs11js sees it) holding the given key and certificates, imported with pkcs11-tool.
 */
export function createSoftHsmToken(keyDer: string, certDers: string[], label = 'SoHoaTest'): SoftHsmToken {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-hsm-'));
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const pin = '1234';
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: 'pipe' });
  run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '0000']);
  const tool = ['--module', softhsmModule, '--token-label', label, '--login', '--pin', pin];
  run('pkcs11-tool', [...tool, '--write-object', keyDer, '--type', 'privkey', '--id', '01', '--label', 'signer']);
  certDers.forEach((der, i) =>
    run('pkcs11-tool', [...tool, '--write-object', der, '--type', 'cert', '--id', `0${i + 1}`, '--label', `cert${i + 1}`]),
  );
  process.env.SOFTHSM2_CONF = conf;
  return { label, pin, conf, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dataKeyFromFile, keyFilePath } from '../../src/core/security/key-file';
import { runSohoa } from '../support/cli';
import { codeOfSync } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';

describe('the data key in a key file (CLI and plain Node)', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const env = { XDG_CONFIG_HOME: join(dir.path, 'config'), HOME: join(dir.path, 'home') };

  it('is made at the first start in the per-user key folder, owner-only, named by the data directory’s key id', () => {
    const dataDir = join(dir.path, 'first');
    const key = dataKeyFromFile(dataDir, { env });
    const id = readFileSync(join(dataDir, 'key-id'), 'utf8').trim();
    const file = join(env.XDG_CONFIG_HOME, 'sohoa', 'keys', `${id}.key`);
    expect(keyFilePath(dataDir, { env })).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8').trim()).toBe(key.toString('hex'));
    expect(dataKeyFromFile(dataDir, { env }).equals(key)).toBe(true);
  });

  it('is refused when others can read it, when it is not a key, or when it lies inside the data directory', () => {
    const dataDir = join(dir.path, 'rules');
    const file = join(dir.path, 'rules.key');
    dataKeyFromFile(dataDir, { keyFile: file, env });
    chmodSync(file, 0o644);
    expect(codeOfSync(() => dataKeyFromFile(dataDir, { keyFile: file, env }))).toBe('security.key-file-exposed');
    chmodSync(file, 0o600);
    writeFileSync(file, 'not a key\n');
    expect(codeOfSync(() => dataKeyFromFile(dataDir, { keyFile: file, env }))).toBe('security.key-invalid');
    expect(codeOfSync(() => dataKeyFromFile(dataDir, { keyFile: join(dataDir, 'inside.key'), env }))).toBe('security.key-file-inside-data');
    expect(codeOfSync(() => Engine.open({ dataDir: join(dir.path, 'bad-key'), key: Buffer.alloc(16) }))).toBe('security.key-invalid');
  });

  it('is never made anew for an encrypted store whose key is gone: a coded error says where it was looked for', async () => {
    const dataDir = join(dir.path, 'lost');
    const file = join(dir.path, 'lost.key');
    await Engine.open({ dataDir, keyFile: file }).close();
    const other = join(dir.path, 'elsewhere.key');
    expect(codeOfSync(() => dataKeyFromFile(dataDir, { keyFile: other, env }))).toBe('security.key-missing');
    expect(() => statSync(other)).toThrow(/ENOENT/);
    const viaEnv = runSohoa(['status', '--data-dir', dataDir], { SOHOA_KEY_FILE: other });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.stderr).toContain(other);
    expect(viaEnv.stderr).toContain('[security.key-missing]');
    expect(runSohoa(['status', '--data-dir', dataDir], { SOHOA_KEY_FILE: file }).code).toBe(0);
  });
});

import { execSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBuiltCli } from '../../bin/cli-freshness.mjs';
import { REPO, runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';

const TRACE = { SOHOA_CLI_TRACE: '1' };
const BANNER = 'SoHoa — số hóa hồ sơ một cửa / digitization workstation';

/** `sohoa --help` from a checkout at `root`, saying which CLI ran. */
function helpFrom(root: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'sohoa.mjs'), '--help'], {
    cwd: root,
    env: { ...process.env, ...TRACE },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sohoa runs the built CLI only when it is current', () => {
  const dir = tempDir('sohoa-built-cli-');
  const copy = join(dir.path, 'checkout');

  beforeAll(() => {
    // `npm test` builds first; a lone run of this file builds here when the CLI is missing or stale.
    if (!freshBuiltCli(REPO)) execSync('npx electron-vite build', { cwd: REPO, stdio: 'ignore' });
    // A copy of the checkout, timestamps kept, whose sources a test may change without touching the real ones.
    for (const part of ['bin', 'src', 'out/main', 'package.json', 'tsconfig.json']) {
      cpSync(join(REPO, part), join(copy, part), { recursive: true, preserveTimestamps: true });
    }
    for (const part of ['node_modules', 'resources']) symlinkSync(join(REPO, part), join(copy, part));
  }, 180_000);
  afterAll(() => dir.remove());

  it('takes the built path when the build is current, and says nothing about it unless asked', () => {
    const traced = runSohoa(['--help'], TRACE);
    expect(traced.code).toBe(0);
    expect(traced.stderr).toBe('sohoa: built\n');
    expect(traced.stdout).toContain(BANNER);
    const plain = runSohoa(['--help']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
  });

  it('runs the sources through tsx once a source is newer than the build, with the change in effect', () => {
    expect(helpFrom(copy).stderr).toBe('sohoa: built\n');
    const main = join(copy, 'src', 'cli', 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace(BANNER, 'SoHoa (edited, not built)'));
    const r = helpFrom(copy);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('sohoa: tsx\n');
    expect(r.stdout).toContain('SoHoa (edited, not built)');
  });

  it('runs the sources when a source the build lists is gone or the list is missing', () => {
    const main = join(copy, 'src', 'cli', 'main.ts');
    const past = new Date(Date.now() - 86_400_000);
    utimesSync(main, past, past);
    cpSync(join(REPO, 'src', 'cli', 'main.ts'), main, { preserveTimestamps: true });
    expect(freshBuiltCli(copy)).toBe(join(copy, 'out', 'main', 'cli.js'));
    const args = join(copy, 'src', 'cli', 'args.ts');
    const saved = readFileSync(args);
    rmSync(args);
    expect(freshBuiltCli(copy)).toBeNull();
    writeFileSync(args, saved);
    utimesSync(args, past, past);
    expect(freshBuiltCli(copy)).not.toBeNull();
    rmSync(join(copy, 'out', 'main', 'cli-sources.json'));
    expect(freshBuiltCli(copy)).toBeNull();
    expect(helpFrom(copy).stderr).toBe('sohoa: tsx\n');
  });
});

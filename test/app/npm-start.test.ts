import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { electronViteBin } from '../../tools/electron-vite-bin';
import { ensureRendererBuilt, REPO } from '../e2e-support/renderer-build';
import { tempDir } from '../support/temp-dir';

describe('npm start where Electron’s binary is missing', () => {
  const data = tempDir('sohoa-start-');
  let stop = () => {};

  afterAll(() => {
    stop();
    data.remove();
  });

  it('builds with electron-vite’s own script (npm start’s first step; the build itself runs in npm test’s build step)', () => {
    const version = spawnSync(process.execPath, [electronViteBin(), '--version'], { cwd: REPO, encoding: 'utf8' });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toMatch(/\d+\.\d+\.\d+/);
  });

  it(
    'says so in one line in Vietnamese and English and serves the same app in browser mode, printing the address',
    { timeout: 180_000 },
    async () => {
      ensureRendererBuilt();
      // The electron package here was installed without its binary (package.json allowScripts), as on CI.
      const child = spawn('npm', ['start', '--silent', '--', '--no-build'], {
        cwd: REPO,
        env: { ...process.env, SOHOA_DATA_DIR: data.path },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      stop = () => {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          /* already gone */
        }
      };
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', () => {
          const found = /Open: (\S+)/.exec(out)?.[1];
          if (found) resolve(found);
        });
        child.on('exit', (code) => reject(new Error(`npm start exited (${code}) without serving: ${out}`)));
      });
      const said = out.split('\n').filter((l) => l.includes('Electron'));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('chế độ trình duyệt');
      expect(said[0]).toContain('browser mode');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(out).not.toMatch(/^\s+at /m);
    },
  );
});

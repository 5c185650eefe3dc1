import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAllowedPermission, SECURE_WEB_PREFERENCES } from '../../electron/main/security';
import { REPO } from '../support/cli';

const out = (p: string) => readFileSync(join(REPO, 'out', p), 'utf8');

describe('Electron hardening, in the built app', () => {
  beforeAll(() => {
    if (!existsSync(join(REPO, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'ignore' });
  });

  it('isolates and sandboxes the renderer, with no Node in it', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
    });
    const main = out('main/index.js');
    expect(main).toMatch(/contextIsolation:\s*true/);
    expect(main).toMatch(/sandbox:\s*true/);
    expect(main).toMatch(/nodeIntegration:\s*false/);
    expect(main).toMatch(/webPreferences:\s*\{\s*\.\.\.webPreferencesFor\(/);
  });

  it('blocks navigation and new windows', () => {
    const main = out('main/index.js');
    expect(main).toMatch(/will-navigate[^]*?preventDefault\(\)/);
    expect(main).toMatch(/setWindowOpenHandler[^]*?action:\s*"deny"/);
  });

  it('allows the camera only to the app itself', () => {
    expect(isAllowedPermission('media', 'app://sohoa/index.html')).toBe(true);
    expect(isAllowedPermission('media', 'file:///opt/SoHoa/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isAllowedPermission('media', 'https://example.org/')).toBe(false);
    expect(isAllowedPermission('geolocation', 'file:///x')).toBe(false);
    expect(out('main/index.js')).toMatch(/setPermissionRequestHandler/);
  });

  it('serves the renderer under a strict Content-Security-Policy and loads nothing remote', () => {
    const html = out('renderer/index.html');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('exposes only the contract from the preload', () => {
    const preload = out('preload/index.cjs');
    const exposed = [...preload.matchAll(/exposeInMainWorld\("([^"]+)"/g)].map((m) => m[1]);
    expect(exposed).toEqual(['sohoa']);
    expect(preload).not.toMatch(/require\("(?!electron")/);
  });

  it('sets the Electron fuses when packaging', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

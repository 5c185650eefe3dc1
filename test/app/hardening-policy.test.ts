import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_CSP,
  APP_ENTRY_URL,
  appResponseHeaders,
  assetPathFor,
  isAllowedDevice,
  isAllowedExternalUrl,
  isAllowedPermissionCheck,
  webPreferencesFor,
} from '../../electron/main/security';
import { REPO } from '../support/cli';

const out = (p: string) => readFileSync(join(REPO, 'out', p), 'utf8');

/** Electron cannot start here: the shell's policy is checked as pure functions and in the built main bundle. */
describe('Electron hardening left over from the security review', () => {
  beforeAll(() => {
    if (!existsSync(join(REPO, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'ignore' });
  });

  it('has no DevTools in a packaged build', () => {
    expect(webPreferencesFor(true).devTools).toBe(false);
    expect(webPreferencesFor(false).devTools).toBe(true);
    expect(out('main/index.js')).toMatch(/webPreferences:\s*\{\s*\.\.\.webPreferencesFor\(app\.isPackaged\)/);
  });

  it('serves the renderer from app:// with the file protocol fuse off', () => {
    const main = out('main/index.js');
    expect(main).toMatch(/registerSchemesAsPrivileged/);
    expect(main).toMatch(/protocol\.handle\(/);
    expect(main).not.toMatch(/loadFile\(/);
    expect(APP_ENTRY_URL).toBe('app://sohoa/index.html');
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.build.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('maps app:// URLs inside the renderer folder only', () => {
    const dir = '/opt/SoHoa/out/renderer';
    expect(assetPathFor(dir, 'app://sohoa/')).toBe(`${dir}/index.html`);
    expect(assetPathFor(dir, 'app://sohoa/assets/index-abc.js')).toBe(`${dir}/assets/index-abc.js`);
    for (const bad of [
      'app://sohoa/a/%2e%2e%2f%2e%2e/x',
      'app://sohoa/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://sohoa/a%5c..%5cx',
      'app://sohoa/x%00.html',
    ]) {
      expect([bad, assetPathFor(dir, bad)]).toEqual([bad, undefined]);
    }
    // The URL parser resolves dot segments first: what is left still names a file inside the folder.
    for (const dotted of ['app://sohoa/../main/index.js', 'app://sohoa/%2e%2e/%2e%2e/main/index.js'])
      expect(assetPathFor(dir, dotted)).toBe(`${dir}/main/index.js`);
  });

  it('answers permission checks and device requests as narrowly as requests', () => {
    expect(isAllowedPermissionCheck('media', 'app://sohoa')).toBe(true);
    expect(isAllowedPermissionCheck('media', 'file://')).toBe(false);
    expect(isAllowedPermissionCheck('clipboard-read', 'app://sohoa')).toBe(false);
    expect(isAllowedDevice()).toBe(false);
    const main = out('main/index.js');
    expect(main).toMatch(/setPermissionCheckHandler/);
    expect(main).toMatch(/setDevicePermissionHandler/);
  });

  it('sends the CSP as a response header, with no WebSocket to 127.0.0.1', () => {
    expect(appResponseHeaders('/x/index.html')['content-security-policy']).toBe(APP_CSP);
    expect(APP_CSP).toContain("connect-src 'self';");
    expect(APP_CSP).not.toMatch(/ws:|127\.0\.0\.1/);
    expect(APP_CSP).toContain("object-src 'none'");
  });

  it('opens only allowlisted https links outside the app', () => {
    expect(isAllowedExternalUrl('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html')).toBe(true);
    expect(isAllowedExternalUrl('https://binhduong.gov.vn/')).toBe(true);
    for (const bad of [
      'http://dichvucong.gov.vn/',
      'https://evil.example/',
      'https://gov.vn.evil.example/',
      'https://user:pw@dichvucong.gov.vn/',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect([bad, isAllowedExternalUrl(bad)]).toEqual([bad, false]);
    }
  });

  it('guards every webContents, not just the main window', () => {
    const main = out('main/index.js');
    expect(main).toMatch(/web-contents-created/);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) expect(main).toContain(`"${event}"`);
    expect(main).toMatch(/setWindowOpenHandler/);
  });
});

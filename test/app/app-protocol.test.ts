import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from '../../electron/main/app-protocol';
import { APP_CSP } from '../../electron/main/security';
import { ensureRendererBuilt } from '../e2e-support/renderer-build';
import { REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';

/** The sources a CSP allows for a kind of fetch, by the fallback order browsers use (CSP3: worker-src, child-src, script-src, default-src). */
function allowed(csp: string, chain: string[]): string[] {
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
  for (const name of chain) if (directives.has(name)) return directives.get(name)!;
  return [];
}

/** Electron cannot start here: the app:// handler's work is called in plain Node, on the built renderer. */
describe('the app:// protocol serves pdf.js’s module worker and nothing outside the app’s folder', () => {
  const dir = tempDir('sohoa-app-protocol-');
  const renderer = join(dir.path, 'renderer');
  let builtRenderer = '';
  let workerName = '';

  beforeAll(() => {
    builtRenderer = ensureRendererBuilt();
    const assets = join(builtRenderer, 'assets');
    // The bundle names the worker it starts: new Worker(new URL(`pdf.worker.min-….js`, import.meta.url), {type: 'module'}).
    const bundle = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .find((text) => /new Worker\(new URL\(new URL\(`pdf\.worker/.test(text))!;
    workerName = /new Worker\(new URL\(new URL\(`(pdf\.worker[^`]+)`/.exec(bundle)![1]!;
    // A renderer folder of the test's own, with pdf.js's worker as its package ships it (.mjs) and a secret beside the folder.
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>SoHoa</title>');
    copyFileSync(join(REPO, 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs'), join(renderer, 'assets/pdf.worker.min.mjs'));
    writeFileSync(join(dir.path, 'secret.txt'), 'not for the renderer');
  });
  afterAll(() => dir.remove());

  it('serves the worker the built renderer starts, as JavaScript, with the CSP', async () => {
    expect(workerName).toMatch(/^pdf\.worker[\w.-]*\.m?js$/);
    const response = await serveAppRequest(builtRenderer, `app://sohoa/assets/${workerName}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript\b/);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(builtRenderer, 'assets', workerName)))).toBe(true);
  });

  it('serves pdf.js’s .mjs worker with a JavaScript type (a module worker refuses any other under nosniff)', async () => {
    const response = await serveAppRequest(renderer, 'app://sohoa/assets/pdf.worker.min.mjs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript\b/);
    expect((await response.text()).length).toBe(readFileSync(join(renderer, 'assets/pdf.worker.min.mjs'), 'utf8').length);
  });

  it('has a CSP that lets the app’s own worker start, and no other', () => {
    const workers = allowed(APP_CSP, ['worker-src', 'child-src', 'script-src', 'default-src']);
    expect(workers).toEqual(["'self'"]);
    // pdf.js runs with isEvalSupported: false and no WebAssembly, so the worker needs neither eval nor wasm.
    expect(allowed(APP_CSP, ['script-src', 'default-src'])).toEqual(["'self'"]);
  });

  it('refuses a path that leaves the app’s folder, another host, and a file that is not there', async () => {
    for (const url of [
      'app://sohoa/..%2fsecret.txt',
      'app://sohoa/assets/..%2f..%2fsecret.txt',
      'app://sohoa/..%5csecret.txt',
      'app://sohoa/%2e%2e/secret.txt',
      'app://sohoa/../secret.txt',
      'app://other/index.html',
      'app://sohoa/assets/missing.mjs',
      'app://sohoa/%E0%A4%A',
    ]) {
      const response = await serveAppRequest(renderer, url);
      expect([url, response.status]).toEqual([url, 404]);
      expect(await response.text()).not.toContain('not for the renderer');
    }
    expect((await serveAppRequest(renderer, 'app://sohoa/')).status).toBe(200);
  });
});

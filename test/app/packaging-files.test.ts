import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../e2e-support/renderer-build';
import { REPO } from '../support/cli';

interface BuildConfig {
  files: unknown;
  linux?: { files?: unknown };
  win?: { files?: unknown };
}
type Filter = (file: string, stat: ReturnType<typeof statSync> & { moduleFullFilePath?: string }) => boolean;
interface FileMatcherModule {
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformOptions: { files?: unknown },
    packager: { config: BuildConfig; debugLogger: { isEnabled: boolean } },
  ): { patterns: string[]; isEmpty(): boolean; createFilter(): Filter };
}

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { build: BuildConfig };
// electron-builder's own matcher for the files it copies from node_modules (app-builder-lib, which electron-builder runs).
const { getNodeModuleFileMatcher } = createRequire(join(REPO, 'package.json'))('app-builder-lib/out/fileMatcher') as FileMatcherModule;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Whether electron-builder would copy this installed file of node_modules into the packaged app, for one platform. */
function shipped(platform: 'linux' | 'win', file: string): boolean {
  const matcher = getNodeModuleFileMatcher(REPO, '/app', (s) => s, pkg.build[platform] ?? {}, {
    config: pkg.build,
    debugLogger: { isEnabled: false },
  });
  if (matcher.isEmpty()) return true;
  // As electron-builder's node-module copier calls it: the path inside the app in `moduleFullFilePath`.
  return matcher.createFilter()(file, Object.assign(statSync(file), { moduleFullFilePath: relative(REPO, file) }));
}

describe('packaging leaves out what the app does not run', () => {
  const canvasFiles = ['@napi-rs/canvas', '@napi-rs/canvas-linux-x64-gnu'].flatMap((name) => filesUnder(join(REPO, 'node_modules', name)));

  it('ships no @napi-rs/canvas (pdf.js’s optional canvas for Node): the renderer draws on the browser’s canvas', () => {
    expect(canvasFiles.some((f) => f.endsWith('.node'))).toBe(true);
    for (const platform of ['linux', 'win'] as const)
      expect(
        canvasFiles.filter((f) => shipped(platform, f)).map((f) => relative(REPO, f)),
        platform,
      ).toEqual([]);
    // A Windows build installs the Windows binary package; the same pattern covers it.
    expect(shipped('win', join(REPO, 'node_modules/@napi-rs/canvas/package.json'))).toBe(false);
  });

  it('still ships the modules the engine runs', () => {
    for (const file of ['node_modules/sharp/package.json', 'node_modules/pdf-lib/package.json', 'node_modules/pkcs11js/package.json'])
      expect(shipped('linux', join(REPO, file)), file).toBe(true);
  });

  it('the renderer’s pdf.js reaches the canvas package only from its Node canvas factory, never at load', () => {
    const assets = join(ensureRendererBuilt(), 'assets');
    const bundles = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'));
    const mentions = bundles.flatMap((text) =>
      text
        .split('@napi-rs/canvas')
        .slice(0, -1)
        .map((before) => before.slice(-80)),
    );
    expect(mentions.length).toBeGreaterThan(0);
    // A require made at run time (Node's createRequire) by the factory pdf.js uses only under Node (`isNodeJS`), not an import the bundle resolves.
    expect(mentions.every((m) => /getBuiltinModule\(.module.\)\.createRequire\(import\.meta\.url\)\(?.?$/.test(m))).toBe(true);
  });
});

/**
 * `npm run native:build -- --node PATH` | `-- --electron` [--force]
 *
 * Builds the engine's native modules (src/core/native/native-modules.ts) for one runtime's ABI, from
 * that runtime's headers, into native/abi-<NODE_MODULE_VERSION>/<module>/. The packages' own builds in
 * node_modules (made by `npm install` for the system Node) are never touched: each module is copied
 * to a temp folder and built there. Does nothing when the stamp says the builds are current.
 * Failure is one line on stderr and exit code 1.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NATIVE_MODULES, nativeRoot, packageDir, type NativeModuleName } from '../src/core/native/native-modules';
import { electronRuntime } from './electron-runtime';

interface Target {
  /** `node-24.22.3` or `electron-45.6.1`: names the stamp. */
  name: string;
  /** node-gyp's options choosing the headers. */
  gypArgs: string[];
  /** Where the headers' node_version.h is, once node-gyp has them. */
  versionHeader: string;
  /** Headers node-gyp must download first (Electron's), and what to say when it cannot. */
  download?: string;
}

class NativeBuildError extends Error {}

const MODULES = Object.keys(NATIVE_MODULES) as NativeModuleName[];

function nodeGyp(): string {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  const bundled = join(
    dirname(realpathSync(process.execPath)),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  if (existsSync(bundled)) return bundled;
  throw new NativeBuildError('node-gyp not found (it comes with npm): run this through npm run native:build');
}

function nodeTarget(nodePath: string): Target {
  if (!existsSync(nodePath)) throw new NativeBuildError(`no Node at ${nodePath}`);
  const version = execFileSync(nodePath, ['-p', 'process.version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
  const nodedir = join(dirname(realpathSync(nodePath)), '..');
  const versionHeader = join(nodedir, 'include', 'node', 'node_version.h');
  if (!existsSync(versionHeader)) throw new NativeBuildError(`the Node at ${nodePath} has no headers (${versionHeader} is missing)`);
  return { name: `node-${version}`, gypArgs: [`--nodedir=${nodedir}`], versionHeader };
}

function electronTarget(devdir: string): Target {
  const { version, headersUrl } = electronRuntime();
  return {
    name: `electron-${version}`,
    gypArgs: [`--target=${version}`, '--runtime=electron', `--dist-url=${headersUrl}`, `--devdir=${devdir}`],
    versionHeader: join(devdir, version, 'include', 'node', 'node_version.h'),
    download: `could not download Electron ${version}'s headers from ${headersUrl}: build for Electron on a machine with internet`,
  };
}

function moduleVersion(header: string): string {
  const abi = /#define NODE_MODULE_VERSION (\d+)/.exec(readFileSync(header, 'utf8'))?.[1];
  if (!abi) throw new NativeBuildError(`no NODE_MODULE_VERSION in ${header}`);
  return abi;
}

const packageVersion = (m: NativeModuleName) =>
  (JSON.parse(readFileSync(join(packageDir(m), 'package.json'), 'utf8')) as { version: string }).version;

/**
 * node-gyp lets npm's config in the environment (npm_config_nodedir, set by a machine's npmrc, and
 * npm_package_config_node_gyp_*) override its command line: the target's options are given there too.
 */
function gypEnv(args: string[]): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^npm_(config|package_config_node_gyp)_(nodedir|target|runtime|dist_url|devdir|arch|build_from_source)$/i.test(k),
    ),
  );
  for (const arg of args) {
    const option = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (option) env[`npm_config_${option[1]!.replaceAll('-', '_')}`] = option[2];
  }
  return env;
}

function run(gyp: string, args: string[], cwd: string, what: string): void {
  try {
    execFileSync(process.execPath, [gyp, ...args], {
      cwd,
      env: gypEnv(args),
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string };
    const text = `${err.stderr ?? ''}\n${err.stdout ?? ''}`;
    if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(text))
      throw new NativeBuildError(`${what} failed: no network`);
    const line = text.split('\n').find((l) => /gyp ERR! stack Error|error:/.test(l));
    throw new NativeBuildError(`${what} failed${line ? `: ${line.replace(/^gyp ERR! stack /, '').trim()}` : ''}`);
  }
}

/** node-gyp records the headers it compiled against; a build against other headers is refused, not stamped. */
function assertBuiltFor(target: Target, src: string, m: NativeModuleName): void {
  const config = readFileSync(join(src, 'build', 'config.gypi'), 'utf8');
  const nodedir = /"nodedir": "([^"]+)"/.exec(config)?.[1];
  if (!nodedir || !target.versionHeader.startsWith(realpathSync(nodedir)))
    throw new NativeBuildError(`${m} was built against the headers in ${nodedir}, not ${target.name}'s`);
}

function build(target: Target, force: boolean): string {
  const root = nativeRoot();
  const stampFile = join(root, 'stamps', `${target.name}.json`);
  const wanted = Object.fromEntries(MODULES.map((m) => [m, packageVersion(m)]));
  if (!force && existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { abi: string; modules: Record<string, string> };
    const current = MODULES.every(
      (m) => stamp.modules[m] === wanted[m] && existsSync(join(root, `abi-${stamp.abi}`, m, NATIVE_MODULES[m])),
    );
    if (current) return `native modules for ${target.name} (ABI ${stamp.abi}) are up to date`;
  }
  const gyp = nodeGyp();
  const work = mkdtempSync(join(tmpdir(), 'sohoa-native-'));
  try {
    if (target.download) {
      try {
        run(gyp, ['install', ...target.gypArgs], work, 'downloading headers');
      } catch {
        throw new NativeBuildError(target.download);
      }
    }
    let abi: string | undefined;
    for (const m of MODULES) {
      const src = join(work, m);
      cpSync(packageDir(m), src, { recursive: true, filter: (p) => !/[\\/](build|node_modules)$/.test(p) });
      run(gyp, ['rebuild', '--release', '--jobs=max', ...target.gypArgs], src, `building ${m} for ${target.name}`);
      assertBuiltFor(target, src, m);
      abi ??= moduleVersion(target.versionHeader);
      const dest = join(root, `abi-${abi}`, m);
      mkdirSync(dest, { recursive: true });
      const file = NATIVE_MODULES[m];
      cpSync(join(src, 'build', 'Release', file), join(dest, `${file}.tmp`));
      renameSync(join(dest, `${file}.tmp`), join(dest, file));
    }
    mkdirSync(dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, `${JSON.stringify({ abi, modules: wanted }, null, 2)}\n`);
    return `native modules built for ${target.name} (ABI ${abi}) in ${join(root, `abi-${abi}`)}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(argv: string[]): void {
  const force = argv.includes('--force');
  const nodeAt = argv.indexOf('--node');
  let target: Target;
  if (nodeAt >= 0 && argv[nodeAt + 1]) target = nodeTarget(argv[nodeAt + 1]!);
  else if (argv.includes('--electron')) target = electronTarget(join(nativeRoot(), 'headers'));
  else throw new NativeBuildError('usage: npm run native:build -- --node PATH | --electron [--force]');
  console.log(build(target, force));
}

try {
  main(process.argv.slice(2));
} catch (e) {
  const message = e instanceof NativeBuildError ? e.message : (e as Error).message.split('\n')[0];
  console.error(`native:build: ${message}`);
  process.exit(1);
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { NativeModuleMismatchError } from './native-module-errors';

/** The engine's native modules that are built against one runtime's ABI, and each one's addon file. */
export const NATIVE_MODULES = {
  'better-sqlite3-multiple-ciphers': 'better_sqlite3.node',
  pkcs11js: 'pkcs11.node',
} as const;
export type NativeModuleName = keyof typeof NATIVE_MODULES;

const requireFromHere = createRequire(import.meta.url);

/** Where a package's own build (made by `npm install` for the Node that ran it) lives. */
export function packageDir(module: NativeModuleName): string {
  return dirname(requireFromHere.resolve(`${module}/package.json`));
}

/**
 * The folder holding one build per runtime ABI, `native/abi-<NODE_MODULE_VERSION>/<module>/`, next to
 * node_modules (the project in development; the app's resources, unpacked, when packaged), or
 * SOHOA_NATIVE_DIR.
 */
export function nativeRoot(): string {
  if (process.env.SOHOA_NATIVE_DIR) return process.env.SOHOA_NATIVE_DIR;
  const dir = packageDir('pkcs11js');
  const at = dir.lastIndexOf(`${sep}node_modules${sep}`);
  return join(at >= 0 ? dir.slice(0, at) : dirname(dir), 'native');
}

/** The build for an ABI, made by `npm run native:build`. */
export function abiBuildPath(module: NativeModuleName, abi: string = process.versions.modules, root: string = nativeRoot()): string {
  return join(root, `abi-${abi}`, module, NATIVE_MODULES[module]);
}

/** The package's own build. */
export function packageBuildPath(module: NativeModuleName): string {
  return join(packageDir(module), 'build', 'Release', NATIVE_MODULES[module]);
}

const loaded = new Map<NativeModuleName, { file: string; addon: unknown }>();

/**
 * Loads a native module's addon built for the running ABI: its own build under native/abi-<N>/ when
 * there is one, else the package's build, which loads only if it was made for this ABI. A missing or
 * wrong-ABI addon is a NativeModuleMismatchError naming the module and the command that fixes it.
 */
export function loadNativeAddon(module: NativeModuleName): { file: string; addon: unknown } {
  const cached = loaded.get(module);
  if (cached) return cached;
  const own = abiBuildPath(module);
  const file = existsSync(own) ? own : packageBuildPath(module);
  if (!existsSync(file)) throw new NativeModuleMismatchError(module, process.versions.modules, `No build at ${own} nor ${file}.`);
  let addon: unknown;
  try {
    addon = requireFromHere(file);
  } catch (e) {
    throw new NativeModuleMismatchError(module, process.versions.modules, (e as Error).message);
  }
  const result = { file, addon };
  loaded.set(module, result);
  return result;
}

/**
 * pkcs11js, its addon chosen as loadNativeAddon does. Its index.js requires its own build by path, so
 * the chosen addon is put in the module cache under that path first. pkcs11js is CommonJS: under ESM
 * only PKCS11 comes through as a named export, not its constants or Pkcs11Error, hence require.
 */
export function loadPkcs11js(): typeof import('pkcs11js') {
  const builtIn = packageBuildPath('pkcs11js');
  if (existsSync(abiBuildPath('pkcs11js')) && !requireFromHere.cache[builtIn]) {
    const exports = loadNativeAddon('pkcs11js').addon;
    requireFromHere.cache[builtIn] = { id: builtIn, filename: builtIn, loaded: true, exports } as NodeJS.Module;
  }
  try {
    return requireFromHere('pkcs11js') as typeof import('pkcs11js');
  } catch (e) {
    throw new NativeModuleMismatchError('pkcs11js', process.versions.modules, (e as Error).message);
  }
}

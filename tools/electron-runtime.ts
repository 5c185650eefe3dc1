import { readFileSync } from 'node:fs';

export interface ElectronRuntime {
  /** The Electron the app runs on, as pinned in package.json. */
  version: string;
  /** The Node it embeds: the runtime the engine's utility process has, and the one the tests start it under. */
  node: string;
  /** Where node-gyp fetches Electron's headers from. */
  headersUrl: string;
}

/** The one place these are written: package.json `config.electron`. */
export function electronRuntime(packageJson = new URL('../package.json', import.meta.url)): ElectronRuntime {
  const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as { config: { electron: ElectronRuntime } };
  return pkg.config.electron;
}

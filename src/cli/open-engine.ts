import { resolveDataDir } from '../core/data-dir';
import { Engine } from '../core/engine';

/** Opens the engine on the data directory the user chose (--data-dir, SOHOA_DATA_DIR or the default). */
export function openEngine(dataDirArg: string | undefined, env: NodeJS.ProcessEnv): Engine {
  return Engine.open({ dataDir: resolveDataDir(dataDirArg, env), actor: `cli:${env.USER ?? env.USERNAME ?? 'unknown'}` });
}

import { resolveDataDir } from '../core/data-dir';
import { Engine } from '../core/engine';
import type { DataKey } from '../core/security/data-key';
import { auditAnchorPath, dataKeyFromFile } from '../core/security/key-file';
import { cliActor } from './cli-actor';

/** The data directory's key from its key file: --key-file, else SOHOA_KEY_FILE, else the per-user key folder. */
export function cliDataKey(dataDir: string, keyFileArg: string | undefined, env: NodeJS.ProcessEnv): DataKey {
  return dataKeyFromFile(dataDir, { keyFile: keyFileArg, env });
}

/** Opens the engine on the data directory the user chose (--data-dir, SOHOA_DATA_DIR or the default). */
export function openEngine(dataDirArg: string | undefined, env: NodeJS.ProcessEnv, keyFileArg?: string): Engine {
  const dataDir = resolveDataDir(dataDirArg, env);
  const key = cliDataKey(dataDir, keyFileArg, env);
  return Engine.open({
    dataDir,
    key,
    auditAnchorFile: auditAnchorPath(dataDir, { keyFile: keyFileArg, env }),
    actor: cliActor(env),
  });
}

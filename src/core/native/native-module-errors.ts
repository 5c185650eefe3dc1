import { CodedError } from '../../shared/errors';

/** The command that builds the native modules for the runtime the engine runs on. */
export function nativeBuildCommand(): string {
  return process.versions.electron ? 'npm run native:build -- --electron' : `npm run native:build -- --node ${process.execPath}`;
}

/**
 * A native module is missing, or was built for another runtime's ABI (e.g. Node 20's build loaded by
 * Electron's Node): the engine cannot start until it is built for this one.
 */
export class NativeModuleMismatchError extends CodedError {
  constructor(module: string, abi: string, reason: string) {
    const command = nativeBuildCommand();
    super('engine.native-module-mismatch', `The native module ${module} is missing or was built for another runtime (this one needs NODE_MODULE_VERSION ${abi}): run ${command}. ${reason}`, { module, abi, command });
  }
}

import { dialog, MessageChannelMain, safeStorage, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { join } from 'node:path';
import { ENGINE_PORT_CHANNEL } from '../../src/shared/bridge';
import { keychainDataKey } from './keychain-key';

/** Starts the engine in a utility process and hands each window a port to it. */
export class EngineHost {
  private child: UtilityProcess | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly resourcesDir: string,
  ) {}

  /** The data key goes to the engine in its first message (never on a command line, never through the renderer). */
  start(): void {
    const keychain = keychainDataKey(this.dataDir, safeStorage);
    if (!keychain.key) console.warn(`SoHoa: ${keychain.reason}`);
    this.child = utilityProcess.fork(join(__dirname, 'engine.js'), [], { serviceName: 'SoHoa engine', stdio: 'inherit' });
    this.child.on('message', (m: { type?: string; message?: string }) => {
      if (m.type === 'failed') dialog.showErrorBox('SoHoa', m.message ?? 'The engine could not start');
    });
    this.child.postMessage({ type: 'init', dataDir: this.dataDir, resourcesDir: this.resourcesDir, key: keychain.key?.toString('hex') });
    keychain.key?.fill(0);
  }

  connect(contents: WebContents): void {
    if (!this.child) throw new Error('engine not started');
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'port' }, [port1]);
    contents.postMessage(ENGINE_PORT_CHANNEL, null, [port2]);
  }

  stop(): void {
    this.child?.kill();
  }
}

import { dialog, MessageChannelMain, safeStorage, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
    if (!keychain.key) this.tellKeyFileFallback(keychain.reason);
    this.child = utilityProcess.fork(join(__dirname, 'engine.js'), [], { serviceName: 'SoHoa engine', stdio: 'inherit' });
    this.child.on('message', (m: { type?: string; message?: string }) => {
      if (m.type === 'failed') dialog.showErrorBox('SoHoa', m.message ?? 'The engine could not start');
    });
    this.child.postMessage({ type: 'init', dataDir: this.dataDir, resourcesDir: this.resourcesDir, key: keychain.key?.toString('hex') });
    keychain.key?.fill(0);
  }

  /** Said once per data directory (and in the log at every start): the key is in a file, not in the OS keychain. */
  private tellKeyFileFallback(reason: string): void {
    console.warn(`SoHoa: ${reason}`);
    const marker = join(this.dataDir, 'key-file-notice');
    if (existsSync(marker)) return;
    mkdirSync(this.dataDir, { recursive: true });
    writeFileSync(marker, `${reason}\n`);
    void dialog.showMessageBox({
      type: 'warning',
      title: 'SoHoa',
      message:
        'Khóa mã hóa dữ liệu được giữ trong một tệp khóa chỉ người dùng này đọc được, không trong kho khóa của hệ điều hành. Hãy sao lưu tệp khóa: mất nó thì không đọc được dữ liệu.',
      detail: `The data key is kept in a key file readable only by this user, not in the OS keychain: ${reason}. Keep a copy of the key file (~/.config/sohoa/keys): without it the data cannot be read.`,
    });
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

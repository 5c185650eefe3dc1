import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { join } from 'node:path';
import { ENGINE_PORT_CHANNEL } from '../../src/shared/bridge';

/** Starts the engine in a utility process and hands each window a port to it. */
export class EngineHost {
  private child: UtilityProcess | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly resourcesDir: string,
  ) {}

  start(): void {
    this.child = utilityProcess.fork(join(__dirname, 'engine.js'), [], { serviceName: 'SoHoa engine', stdio: 'inherit' });
    this.child.postMessage({ type: 'init', dataDir: this.dataDir, resourcesDir: this.resourcesDir });
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

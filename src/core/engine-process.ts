/**
 * Entry of the engine in the app: runs in an Electron utilityProcess (plain Node, no electron
 * import). The main process sends `{ type: 'init', dataDir, resourcesDir, key? }` once (the data key
 * unwrapped from the OS keychain, in hex; without it the engine reads its key file), then hands over
 * one MessagePort per window; each port carries the contract. If the store cannot be opened (key
 * missing or wrong), it answers `{ type: 'failed', code, message }`.
 */
import { CodedError } from '../shared/errors';
import { openAppEngine } from './app-engine';
import type { Engine } from './engine';
import { createPipelineStages } from './jobs/real-stages';
import { attachClient } from './transport/engine-session';

interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('engine-process must run in an Electron utilityProcess');

let engine: Engine | undefined;

parentPort.on('message', (e) => {
  const msg = e.data as { type: string; dataDir?: string; resourcesDir?: string; key?: string };
  if (msg.type === 'init' && !engine) {
    const stages = createPipelineStages({
      dataDir: msg.dataDir!,
      resourcesDir: msg.resourcesDir,
      unpackedFromAsar: __filename.includes('app.asar'),
    });
    try {
      engine = openAppEngine({
        dataDir: msg.dataDir!,
        key: msg.key ? Buffer.from(msg.key, 'hex') : undefined,
        resourcesDir: msg.resourcesDir,
        actor: 'desk',
        stages,
      });
    } catch (error) {
      void stages.close();
      const data = error instanceof CodedError ? error.toData() : { code: 'engine.start-failed', message: (error as Error).message };
      parentPort.postMessage({ type: 'failed', ...data });
      return;
    }
    parentPort.postMessage({ type: 'ready' });
    // Once the window can talk to the engine: the summaries the dashboard reads, checked against a recount in slices
    // (the window's calls answered in between), rebuilt and audited on a difference.
    engine.checkSummariesInBackground().catch((error: unknown) => {
      process.stderr.write(`summary check failed: ${(error as Error).message}\n`);
    });
  } else if (msg.type === 'port' && engine && e.ports[0]) {
    const port = e.ports[0];
    const client = attachClient(engine, (m) => port.postMessage(m));
    port.on('message', (m) => void client.receive(m.data));
    port.on('close', () => client.detach());
    port.start();
  }
});

process.on('exit', () => engine?.close());

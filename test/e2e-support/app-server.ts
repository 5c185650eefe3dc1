import { Engine } from '../../src/core/engine';
import { startWsServer, type RunningWsServer } from '../../src/core/transport/ws-server';
import { tempDir } from '../support/temp-dir';
import { ensureRendererBuilt } from './renderer-build';

export interface AppServer {
  engine: Engine;
  server: RunningWsServer;
  close(): Promise<void>;
}

/** A real engine on a fresh data directory, serving the built renderer over the browser transport. */
export async function startAppServer(): Promise<AppServer> {
  const staticDir = ensureRendererBuilt();
  const dir = tempDir('sohoa-e2e-');
  const engine = Engine.open({ dataDir: dir.path, actor: 'e2e' });
  const server = await startWsServer({ engine, staticDir });
  return {
    engine,
    server,
    async close() {
      await server.close();
      engine.close();
      dir.remove();
    },
  };
}

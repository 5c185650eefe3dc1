import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { startWsServer, type RunningWsServer } from '../../src/core/transport/ws-server';
import { tempDir } from '../support/temp-dir';
import { ensureRendererBuilt } from './renderer-build';

export interface AppServer {
  engine: Engine;
  server: RunningWsServer;
  dataDir: string;
  close(): Promise<void>;
}

export interface AppServerOptions {
  /** Run the engine's real pipeline (clean-up, OCR, PDF/A) in the background. */
  pipeline?: boolean;
  /** Reopen an existing data directory (a restart) instead of a fresh one; it is left in place on close. */
  dataDir?: string;
  /** Sync with the hub on the engine's schedule, as the app does. */
  syncSchedule?: boolean;
}

/** A real engine on a fresh data directory, serving the built renderer over the browser transport. */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const staticDir = ensureRendererBuilt();
  const dir = options.dataDir ? { path: options.dataDir, remove: () => undefined } : tempDir('sohoa-e2e-');
  const stages = options.pipeline ? createPipelineStages({ dataDir: dir.path, ocrWorkers: 1 }) : undefined;
  const engine = Engine.open({ dataDir: dir.path, actor: 'e2e', pipeline: stages ? { stages, concurrency: 2 } : undefined, syncSchedule: options.syncSchedule });
  const server = await startWsServer({ engine, staticDir });
  return {
    engine,
    server,
    dataDir: dir.path,
    async close() {
      await server.close();
      await engine.close();
      await stages?.close();
      dir.remove();
    },
  };
}

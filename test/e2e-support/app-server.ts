import { Engine } from '../../src/core/engine';
import { ROLES, type Role } from '../../src/shared/roles';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { startWsServer, type RunningWsServer } from '../../src/core/transport/ws-server';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';
import { ensureRendererBuilt } from './renderer-build';

/** The users `startAppServer` seeds: one per role, username = role, this password. */
export const SEEDED_PASSWORD = 'mat-khau-thu-nghiem';
export const seededUsername = (role: Role) => role;

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
  /** Seed one user per role and set the agency (the default), or neither: first start, with the create-administrator and agency screens. */
  seedUsers?: boolean;
  /** Sign-in policy settings to start with, e.g. `{ 'auth.idle_minutes': '1' }`. */
  settings?: Record<string, string>;
  /** Sync with the hub on the engine's schedule, as the app does. */
  syncSchedule?: boolean;
}

/** A real engine on a fresh data directory, serving the built renderer over the browser transport. */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const staticDir = ensureRendererBuilt();
  const dir = options.dataDir ? { path: options.dataDir, remove: () => undefined } : tempDir('sohoa-e2e-');
  const stages = options.pipeline ? createPipelineStages({ dataDir: dir.path, ocrWorkers: 1 }) : undefined;
  const engine = Engine.open({
    dataDir: dir.path,
    actor: 'e2e',
    pipeline: stages ? { stages, concurrency: 2 } : undefined,
    syncSchedule: options.syncSchedule,
  });
  for (const [key, value] of Object.entries(options.settings ?? {})) engine.store.settings.set(key, value);
  if (options.seedUsers !== false) {
    // Seeded users stand for a workstation already set up: the agency too.
    setTestAgency(engine);
    for (const role of ROLES) {
      const username = seededUsername(role);
      if (!engine.accounts.byUsername(username))
        await engine.handlers['user.create']({ username, displayName: `Thử nghiệm ${role}`, role, password: SEEDED_PASSWORD });
    }
  }
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

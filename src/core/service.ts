import type { EngineHandlers } from '../shared/contract';
import { deskHandlers } from './handlers/desk-handlers';
import { documentHandlers } from './handlers/document-handlers';
import { dossierHandlers } from './handlers/dossier-handlers';
import type { ServiceContext } from './handlers/handler-context';

export type { ServiceContext } from './handlers/handler-context';

/** The engine's API: implements the contract. Inputs arrive already validated by the dispatcher. */
export function createHandlers(ctx: ServiceContext): Omit<EngineHandlers, SyncMethod> {
  return { ...dossierHandlers(ctx), ...documentHandlers(ctx), ...deskHandlers(ctx) } satisfies Omit<EngineHandlers, SyncMethod>;
}

/** Sync's handlers come from the engine's SyncService (see handlers/sync-handlers.ts). */
type SyncMethod = 'sync.status' | 'sync.now' | 'sync.records';

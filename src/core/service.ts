import type { EngineHandlers } from '../shared/contract';
import { deskHandlers } from './handlers/desk-handlers';
import { documentHandlers } from './handlers/document-handlers';
import { dossierHandlers } from './handlers/dossier-handlers';
import type { ServiceContext } from './handlers/handler-context';
import { statsHandlers } from './handlers/stats-handlers';

export type { ServiceContext } from './handlers/handler-context';

/** The engine's API: implements the contract. Inputs arrive already validated by the dispatcher. */
export function createHandlers(ctx: ServiceContext): EngineHandlers {
  return { ...dossierHandlers(ctx), ...documentHandlers(ctx), ...deskHandlers(ctx), ...statsHandlers(ctx) } satisfies EngineHandlers;
}

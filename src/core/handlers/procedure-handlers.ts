import type { EngineHandlers } from '../../shared/contract';
import type { ServiceContext } from './handler-context';

/** The procedure catalog, as the intake form searches it. */
export function procedureHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'procedure.list'> {
  return {
    'procedure.list': ({ query }) => ctx.store.procedures.list(query),
  };
}

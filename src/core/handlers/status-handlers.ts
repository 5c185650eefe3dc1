import type { EngineHandlers } from '../../shared/contract';
import type { ServiceContext } from './handler-context';

/** What the store holds and how the job queue stands (`sohoa status`, the status bar). */
export function statusHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'status.get'> {
  const { store } = ctx;
  return {
    'status.get': () => ({ ...store.counts(), jobs: store.jobs.countsByState(), auditEvents: store.audit.count() }),
  };
}

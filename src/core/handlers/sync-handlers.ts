import type { EngineHandlers } from '../../shared/contract';
import type { SyncService } from '../sync/sync-service';

type SyncHandlers = Pick<EngineHandlers, 'sync.status' | 'sync.now' | 'sync.records'>;

export function syncHandlers(sync: SyncService): SyncHandlers {
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.runNow(),
    'sync.records': ({ dossierId }) => sync.records(dossierId),
  };
}

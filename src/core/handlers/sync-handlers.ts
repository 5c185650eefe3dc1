import type { EngineHandlers } from '../../shared/contract';
import type { SyncService } from '../sync/sync-service';

type SyncHandlers = Pick<EngineHandlers, 'sync.status' | 'sync.now' | 'sync.records' | 'sync.enroll'>;

export function syncHandlers(sync: SyncService): SyncHandlers {
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.runNow(),
    'sync.records': ({ dossierId }) => sync.records(dossierId),
    'sync.enroll': ({ hubUrl, code }) => sync.enroll(hubUrl, code),
  };
}

import type { EngineHandlers } from '../shared/contract';
import { batchHandlers } from './handlers/batch-handlers';
import { batchResultHandlers } from './handlers/batch-result-handlers';
import { auditHandlers } from './handlers/audit-handlers';
import { batchStartHandlers } from './handlers/batch-start-handlers';
import { calendarHandlers } from './handlers/calendar-handlers';
import { catalogHandlers } from './handlers/catalog-handlers';
import { authHandlers } from './handlers/auth-handlers';
import { deskContext } from './handlers/desk-context';
import { deskHandlers } from './handlers/desk-handlers';
import { dossierDeleteHandler } from './handlers/dossier-delete-handler';
import { documentHandlers } from './handlers/document-handlers';
import { dossierHandlers } from './handlers/dossier-handlers';
import type { ServiceContext } from './handlers/handler-context';
import { pageImageHandlers } from './handlers/page-image-handlers';
import { procedureHandlers } from './handlers/procedure-handlers';
import { recordTimestampHandlers } from './handlers/record-timestamp-handlers';
import { recordViewHandlers } from './handlers/record-view-handlers';
import { resultHandlers } from './handlers/result-handlers';
import { searchHandlers } from './handlers/search-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { statsHandlers } from './handlers/stats-handlers';
import { statsVerifyHandlers } from './handlers/stats-verify-handlers';
import { statusHandlers } from './handlers/status-handlers';
import { trustHandlers } from './handlers/trust-handlers';
import { userHandlers } from './handlers/user-handlers';

export type { ServiceContext } from './handlers/handler-context';

/** The engine's API: implements the contract. Inputs arrive already validated by the dispatcher. */
export function createHandlers(ctx: ServiceContext): Omit<EngineHandlers, ServiceMethod> {
  // The desk and the archive's QC station share one signer session: a PIN entered once serves both.
  const desk = deskContext(ctx);
  return {
    ...dossierHandlers(ctx),
    ...procedureHandlers(ctx),
    ...catalogHandlers(ctx),
    ...searchHandlers(ctx),
    ...statusHandlers(ctx),
    ...documentHandlers(ctx),
    ...pageImageHandlers(ctx),
    ...deskHandlers(ctx, desk),
    ...batchHandlers(desk),
    ...batchResultHandlers(desk),
    ...batchStartHandlers(ctx),
    ...recordViewHandlers(ctx),
    ...recordTimestampHandlers(ctx),
    ...authHandlers(ctx),
    ...userHandlers(ctx),
    ...auditHandlers(ctx),
    ...dossierDeleteHandler(ctx),
    ...statsHandlers(ctx),
    ...statsVerifyHandlers(ctx),
    ...resultHandlers(desk),
    ...calendarHandlers(ctx),
    ...settingsHandlers(ctx),
    ...trustHandlers(ctx),
  } satisfies Omit<EngineHandlers, ServiceMethod>;
}

/**
 * Sync's and backup's handlers come from the engine's SyncService and BackupService (handlers/sync-handlers.ts,
 * handlers/backup-handlers.ts); a batch run's from the engine itself, whose pipeline reads the pages (handlers/batch-run-handlers.ts);
 * the audit log's check and re-anchoring from the engine, which holds the anchor (handlers/audit-verify-handlers.ts).
 */
type ServiceMethod =
  | 'sync.status'
  | 'sync.now'
  | 'sync.records'
  | 'sync.enroll'
  | 'sync.send'
  | 'sync.retryRejected'
  | 'sync.exportBag'
  | 'backup.status'
  | 'backup.run'
  | 'batch.run'
  | 'batch.runStop'
  | 'audit.verify'
  | 'audit.reAnchor';

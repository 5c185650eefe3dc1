import type { EngineHandlers } from '../../shared/contract';
import type { SyncSendEvent } from '../../shared/sync-send-contract';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../event-bus';
import type { ReadablePathPolicy } from '../security/readable-path';
import { checkWriteTarget } from '../security/write-target';
import type { SyncEvent } from '../sync/sync-runner';
import type { SyncService } from '../sync/sync-service';
import type { WorkstationSync } from '../sync/workstation-sync';
import { hubUrlFor } from './sync-hub-url';

type SyncMethod = 'sync.status' | 'sync.now' | 'sync.records' | 'sync.enroll' | 'sync.send' | 'sync.retryRejected' | 'sync.exportBag';

export interface SyncParts {
  service: SyncService;
  sync: WorkstationSync;
  events: EventBus;
  caller: () => Principal;
  /** Its protected folders are no place for a bag. */
  paths: ReadablePathPolicy;
}

/** A record's news during a send, as the `sync.send` event tells it (the bytes of each chunk are not told). */
function sendEvent(e: SyncEvent): SyncSendEvent | null {
  if (e.type === 'acknowledged')
    return { type: 'acknowledged', recordId: e.recordId, receiptId: e.receipt.receiptId, duplicate: e.receipt.duplicate };
  if (e.type === 'rejected') return { type: 'rejected', recordId: e.recordId, code: e.code, message: e.message };
  if (e.type === 'retry') return { type: 'retry', recordId: e.recordId, code: e.code, message: e.message, inMs: e.inMs };
  return null;
}

/**
 * The app's sync (status, a run now on its schedule's terms, enrollment) and the command line's operator tasks:
 * a send with its own options, the rejected records queued again, a bag exported.
 */
export function syncHandlers({ service, sync, events, caller, paths }: SyncParts): Pick<EngineHandlers, SyncMethod> {
  return {
    'sync.status': () => service.status(),
    'sync.now': () => service.runNow(),
    'sync.records': ({ dossierId }) => service.records(dossierId),
    'sync.enroll': ({ hubUrl, code, name }) => service.enroll(hubUrl, code, name),
    'sync.send': ({ hubUrl, batchSize, concurrency, bandwidthKbps, maxWaitSeconds }) =>
      sync.send({
        hubUrl: hubUrlFor(caller(), hubUrl, sync.credentials()),
        batchSize,
        concurrency,
        maxWaitMs: (maxWaitSeconds ?? 60) * 1000,
        bandwidthBytesPerSecond: bandwidthKbps ? bandwidthKbps * 1024 : undefined,
        onEvent: (e) => {
          const told = sendEvent(e);
          if (told) events.emit('sync.send', told);
        },
      }),
    'sync.retryRejected': () => ({ requeued: sync.outbox.requeueRejected() }),
    'sync.exportBag': ({ target, recordIds }) => {
      checkWriteTarget(paths, target, 'bag');
      return sync.exportBag(target, recordIds);
    },
  };
}

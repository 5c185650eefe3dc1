import type { FinalizeProgress } from '../../shared/types';
import type { AuditLog } from '../audit/audit-log';
import type { FinalizeContext } from '../desk/finalize-dossier';
import type { SignerSession } from '../desk/signer-session';
import type { EventBus } from '../event-bus';
import { DeskRepository } from '../store/desk-repository';
import type { Store } from '../store/store';
import type { Workstation } from '../store/workstation-repository';

/** What bulk signing needs of the engine; the desk's context gives its own desk repository, clock and finalization map. */
export interface BatchSigningHost {
  store: Store;
  audit: AuditLog;
  events: EventBus;
  workstation: Pick<Workstation, 'agencyName'>;
  desk?: DeskRepository;
  now?: () => Date;
  finalizing?: Map<number, FinalizeProgress>;
}

/** The context a batch is signed in, by the app's `batch.sign` and by `sohoa batch --sign` alike. */
export function batchSigningContext(host: BatchSigningHost, signer: SignerSession, actor: string): FinalizeContext {
  return {
    store: host.store,
    desk: host.desk ?? host.store.desk,
    audit: host.audit,
    events: host.events,
    signer,
    actor,
    agencyName: host.workstation.agencyName,
    now: host.now ?? (() => new Date()),
    progress: host.finalizing ?? new Map(),
  };
}

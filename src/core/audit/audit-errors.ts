import { CodedError } from '../../shared/errors';
import type { AuditHead } from './audit-anchor';

/** The hub saw this log reach `hubHead`, and the log no longer holds that event: cut or rewritten since that sync. */
export class AuditRewrittenSinceSyncError extends CodedError {
  constructor(hubHead: AuditHead & { receivedAt: string }, localEvents: number) {
    super(
      'audit.rewritten-since-sync',
      `The hub saw this audit log reach event ${hubHead.seq} (${hubHead.hash.slice(0, 12)}…) on ${hubHead.receivedAt}; the log here no longer holds that event (${localEvents} events now): it was cut or rewritten since`,
      { hubHead, localEvents },
    );
  }
}

import type { EngineHandlers } from '../../shared/contract';
import type { AuditVerdict } from '../audit/audit-log';
import type { Principal } from '../auth/principal';
import type { WorkstationSync } from '../sync/workstation-sync';
import { hubUrlFor } from './sync-hub-url';

type AuditVerifyMethod = 'audit.verify' | 'audit.reAnchor';

export interface AuditVerifyParts {
  /** The chain against its anchor outside the database. */
  verifyAudit(): AuditVerdict;
  /** Anchors the log at its head again (only when the chain holds), recorded in the log as this actor. */
  reAnchorAudit(actor: string): AuditVerdict;
  sync: Pick<WorkstationSync, 'verifyAuditWithHub' | 'credentials'>;
  actor: () => string;
  caller: () => Principal;
}

/** The audit log checked (`sohoa audit verify`, with `--hub` against the head the hub last saw) and anchored again after a loss. */
export function auditVerifyHandlers(parts: AuditVerifyParts): Pick<EngineHandlers, AuditVerifyMethod> {
  return {
    'audit.verify': async ({ hub, hubUrl }) => {
      if (!hub) return parts.verifyAudit();
      return parts.sync.verifyAuditWithHub(hubUrlFor(parts.caller(), hubUrl, parts.sync.credentials()));
    },
    'audit.reAnchor': () => parts.reAnchorAudit(parts.actor()),
  };
}

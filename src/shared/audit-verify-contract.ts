/** Input and results of checking the audit log (`sohoa audit verify`, `verify --hub`, `re-anchor`): see contract.ts. */
import { z } from 'zod';
import type { ErrorData } from './errors';

/** An address of the hub: http(s) with a host. */
export const hubAddress = z
  .string()
  .trim()
  .max(2000, 'too-long')
  .refine((v) => /^https?:\/\/[^\s/]+/.test(v), 'required');

export const AuditVerifyInput = z.object({
  /** Also against the last head the hub saw from this workstation: a log cut or rewritten since the last sync is told. */
  hub: z.boolean().default(false),
  /**
   * Another address of the enrolled hub (the command line's `--hub URL`), the enrolled one when absent. A signed-in
   * caller may name only the enrolled address (`sync.hub-refused`): the workstation's credential goes with the request.
   */
  hubUrl: hubAddress.optional(),
});

/** Why the log does not hold: an event edited, a link or sequence broken, events cut from the end, the anchor outside the database, or the hub's head gone. */
export type AuditBreak =
  'hash' | 'link' | 'sequence' | 'truncated' | 'anchor-forged' | 'anchor-missing' | 'anchor-damaged' | 'rewritten-since-sync';

/** The head of the log the hub last received from this workstation. */
export interface HubAuditHead {
  seq: number;
  hash: string;
  receivedAt: string;
}

/** The verdict on the log; `hubHead` only when checked against the hub (null: the hub has none from this workstation yet). */
export type AuditCheck =
  | { ok: true; events: number; hubHead?: HubAuditHead | null }
  | { ok: false; events: number; brokenAt: number; reason: AuditBreak; hubHead?: HubAuditHead | null; error?: ErrorData };

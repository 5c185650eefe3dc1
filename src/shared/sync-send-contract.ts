/** Inputs, results and events of the command line's sync (`sohoa sync`): a send with its options, a bag, the rejected again. See contract.ts. */
import { z } from 'zod';
import { hubAddress } from './audit-verify-contract';

/**
 * One send of what waits (`sohoa sync`), with the command's options; the app's runs go through `sync.now`.
 * `hubUrl`: another address of the enrolled hub, for the local operator (a signed-in caller may name only the
 * enrolled one: `sync.hub-refused`).
 */
export const SyncSendInput = z.object({
  hubUrl: hubAddress.optional(),
  /** Records taken from the outbox at a time. */
  batchSize: z.number().int().min(1).max(10_000).optional(),
  /** Connections to the hub at once. */
  concurrency: z.number().int().min(1).max(64).optional(),
  /** At most this many KiB per second, over all connections. */
  bandwidthKbps: z.number().positive().max(10_000_000).optional(),
  /** How long the run may wait for retries to come due; 60 s when not given. */
  maxWaitSeconds: z.number().positive().max(86_400).optional(),
});

/** What one send did. */
export interface SyncSendSummary {
  acknowledged: number;
  duplicates: number;
  rejected: { recordId: number; code: string; message: string }[];
  /** Still waiting after this run (the hub unreachable, attempts used up). */
  waiting: number;
  bytes: number;
  ms: number;
  /** Set when the run stopped early (e.g. the credential was refused). */
  stoppedBy?: { code: string; message: string };
  /** The audit log's head as sent to the hub at the end of the run, or why the hub did not take it. */
  auditHead?: { sent: true; seq: number } | { sent: false; code: string; message: string };
}

/** What a send says while it goes (the engine's `sync.send` event), one record at a time. */
export type SyncSendEvent =
  | { type: 'acknowledged'; recordId: number; receiptId: string; duplicate: boolean }
  | { type: 'rejected'; recordId: number; code: string; message: string }
  | { type: 'retry'; recordId: number; code: string; message: string; inMs: number };

/**
 * The records as a BagIt bag, to carry without a network: the folder `target`, or a zip when it ends in `.zip`;
 * absolute, and never in the data or key folder (`path.write-refused`). Every record not yet acknowledged, or those named.
 */
export const SyncExportBagInput = z.object({
  target: z.string().trim().min(1, 'required').max(4096, 'too-long'),
  recordIds: z.array(z.number().int().positive()).min(1, 'required').max(100_000, 'too-long').optional(),
});

export interface SyncBagExport {
  /** The bag's folder, or its zip. */
  dir: string;
  records: number;
  bytes: number;
}

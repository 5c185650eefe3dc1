import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { durableWrite } from '../core/store/durable-write';

/** The last event of the hub's audit log as last seen committed. */
export interface HubAuditHead {
  seq: number;
  hash: string;
}

/** What the anchor file holds: nothing yet, a head, or bytes that are not an anchor (torn by a crash or a full disk: damage, not tampering). */
export type HubAnchorReading = { kind: 'none' } | { kind: 'head'; head: HubAuditHead } | { kind: 'damaged' };

/** Where the anchor lives unless `--audit-anchor` says: beside the hub's data (its blob directory, or the S3 spool). */
export const anchorFileIn = (dataDir: string) => join(dataDir, 'hub-audit-anchor.json');

/**
 * The hub's audit log head, kept in a file outside PostgreSQL: the hash chain alone cannot show that
 * its last events were deleted by SQL; a head kept where SQL does not reach can. No seal: the threat
 * is an operator with database access, not one who can also write the hub's files.
 */
export class HubAuditAnchor {
  constructor(readonly file: string) {}

  read(): HubAnchorReading {
    if (!existsSync(this.file)) return { kind: 'none' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return { kind: 'damaged' };
    }
    const { seq, hash } = (parsed ?? {}) as Partial<HubAuditHead>;
    if (!Number.isInteger(seq) || seq! < 1 || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return { kind: 'damaged' };
    return { kind: 'head', head: { seq: seq!, hash } };
  }

  /** A durable write: a crash leaves the old anchor or the new one. */
  write(head: HubAuditHead): void {
    durableWrite(this.file, JSON.stringify(head), { mode: 0o600 });
  }
}

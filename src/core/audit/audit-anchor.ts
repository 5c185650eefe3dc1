import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { durableWrite } from '../store/durable-write';

/** The last event of the audit log as last seen committed: its sequence number and hash (seq 0: an empty log). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * What the anchor file holds: nothing (missing), a head, a head whose seal does not match (forged),
 * or bytes that are not an anchor at all (damaged: torn by a crash or a full disk, not tampering).
 */
export type AnchorReading = { kind: 'none' } | { kind: 'head'; head: AuditHead } | { kind: 'forged' } | { kind: 'damaged' };

/**
 * The audit log's head, kept in a file outside the data directory (beside the key file, see
 * docs/security.md) and sealed with a key derived from the data key. The hash chain alone cannot
 * show that its last events were removed; the anchor can.
 */
export class AuditAnchor {
  constructor(
    readonly file: string,
    private readonly macKey: Buffer,
  ) {}

  read(): AnchorReading {
    return readAnchorFile(this.file, (head) => this.seal(head));
  }

  /** A durable write: a crash leaves the old anchor or the new one. */
  write(head: AuditHead): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    durableWrite(this.file, JSON.stringify({ ...head, mac: this.seal(head).toString('hex') }), { mode: 0o600 });
  }

  seal(head: AuditHead): Buffer {
    return createHmac('sha256', this.macKey).update(`${head.seq}:${head.hash}`).digest();
  }
}

export function readAnchorFile(file: string, seal: (head: AuditHead) => Buffer): AnchorReading {
  if (!existsSync(file)) return { kind: 'none' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { kind: 'damaged' };
  }
  const { seq, hash, mac } = (parsed ?? {}) as Partial<AuditHead> & { mac?: unknown };
  if (!Number.isInteger(seq) || typeof hash !== 'string' || typeof mac !== 'string') return { kind: 'damaged' };
  const expected = seal({ seq: seq!, hash });
  const given = Buffer.from(mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'forged' };
  return { kind: 'head', head: { seq: seq!, hash } };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The last event of the audit log as last seen committed: its sequence number and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export type AnchorReading = { kind: 'none' } | { kind: 'head'; head: AuditHead } | { kind: 'forged' };

/**
 * The audit log's head, kept in a file beside the database and sealed with a key derived from the
 * data key. The hash chain alone cannot show that its last events were removed; the anchor can.
 */
export class AuditAnchor {
  constructor(
    private readonly file: string,
    private readonly macKey: Buffer,
  ) {}

  read(): AnchorReading {
    if (!existsSync(this.file)) return { kind: 'none' };
    try {
      const { seq, hash, mac } = JSON.parse(readFileSync(this.file, 'utf8')) as AuditHead & { mac: string };
      const expected = this.seal({ seq, hash });
      const given = Buffer.from(String(mac), 'hex');
      if (!Number.isInteger(seq) || given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'forged' };
      return { kind: 'head', head: { seq, hash } };
    } catch {
      return { kind: 'forged' };
    }
  }

  write(head: AuditHead): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify({ ...head, mac: this.seal(head).toString('hex') }));
    renameSync(temp, this.file);
  }

  private seal(head: AuditHead): Buffer {
    return createHmac('sha256', this.macKey).update(`${head.seq}:${head.hash}`).digest();
  }
}

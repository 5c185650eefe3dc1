import type pg from 'pg';
import type { AuditHead, AuditHeadAnswer } from '../shared/sync-protocol';
import { AuditHeadRewindError } from './sync-errors';

const AUDIT_HEAD_LOCK = 7_302_012;

/**
 * The audit-log heads each workstation sent with its syncs. The hub cannot walk a workstation's
 * chain, but it can tell a head that goes back (fewer events, or another hash at a sequence it
 * saw); the workstation's `audit verify --hub` checks that its log still holds the last head.
 */
export class AuditHeadRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Keeps `head`, or refuses it when it goes back from the last head this workstation sent. */
  async record(workstationId: string, head: AuditHead): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One workstation's heads are compared and written one at a time (a two-key lock: apart from the upload locks).
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_HEAD_LOCK, workstationId]);
      const { rows } = await client.query<{ seq: string; hash: string }>(
        'SELECT seq, hash FROM audit_head WHERE workstation_id = $1 AND seq >= $2 ORDER BY seq DESC LIMIT 1',
        [workstationId, head.seq],
      );
      const last = rows[0] && { seq: Number(rows[0].seq), hash: rows[0].hash };
      if (last && (last.seq > head.seq || last.hash !== head.hash)) throw new AuditHeadRewindError(last, head);
      if (!last)
        await client.query('INSERT INTO audit_head (workstation_id, seq, hash) VALUES ($1, $2, $3)', [workstationId, head.seq, head.hash]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  async latest(workstationId: string): Promise<AuditHeadAnswer['head']> {
    const { rows } = await this.pool.query<{ seq: string; hash: string; received_at: Date }>(
      'SELECT seq, hash, received_at FROM audit_head WHERE workstation_id = $1 ORDER BY seq DESC LIMIT 1',
      [workstationId],
    );
    const row = rows[0];
    return row ? { seq: Number(row.seq), hash: row.hash, receivedAt: row.received_at.toISOString() } : null;
  }
}

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import type pg from 'pg';

const NAMESPACE = 0x7475; // 'tu': keeps upload locks apart from other advisory locks
const CHANNEL = 'sohoa_tus_release';

interface Held {
  requestRelease: RequestRelease;
}

/**
 * tus's Locker over PostgreSQL session advisory locks, so hub instances sharing one database
 * never write the same upload at once. A lock lives on its own pooled connection: if the process
 * dies, PostgreSQL drops the lock with the connection. A waiting instance asks the holder (any
 * instance, through NOTIFY) to release, as tus's memory locker does within one process.
 */
export class PgAdvisoryLocker implements Locker {
  private readonly held = new Map<string, Held>();
  private listener: pg.PoolClient | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly timeoutMs = 30_000,
  ) {}

  async start(): Promise<void> {
    this.listener = await this.pool.connect();
    this.listener.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) void this.held.get(n.payload)?.requestRelease();
    });
    await this.listener.query(`LISTEN ${CHANNEL}`);
  }

  async stop(): Promise<void> {
    this.listener?.release();
    this.listener = undefined;
  }

  newLock(id: string): Lock {
    return new PgAdvisoryLock(id, this.pool, this.held, this.timeoutMs);
  }
}

class PgAdvisoryLock implements Lock {
  private client: pg.PoolClient | undefined;
  private readonly key: [number, number];

  constructor(
    private readonly id: string,
    private readonly pool: pg.Pool,
    private readonly held: Map<string, Held>,
    private readonly timeoutMs: number,
  ) {
    this.key = [NAMESPACE, createHash('sha256').update(id).digest().readInt32BE(0)];
  }

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const client = await this.pool.connect();
    const deadline = Date.now() + this.timeoutMs;
    let asked = false;
    try {
      for (;;) {
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', this.key);
        if (rows[0]?.ok) break;
        if (signal.aborted || Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
        if (!asked) {
          await client.query('SELECT pg_notify($1, $2)', [CHANNEL, this.id]);
          asked = true;
        }
        await sleep(25);
      }
    } catch (e) {
      client.release();
      throw e;
    }
    this.client = client;
    this.held.set(this.id, { requestRelease });
  }

  async unlock(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('Releasing an unlocked lock');
    this.client = undefined;
    this.held.delete(this.id);
    try {
      await client.query('SELECT pg_advisory_unlock($1, $2)', this.key);
      client.release();
    } catch (e) {
      client.release(e as Error);
    }
  }
}

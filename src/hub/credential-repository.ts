import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { HubAuditLog } from './hub-audit-log';
import { inHubTransaction } from './hub-transaction';
import { EnrollmentInvalidError, UnauthorizedError } from './sync-errors';

export type Role = 'workstation' | 'supervisor';

export interface Principal {
  credentialId: string;
  workstationId: string;
  role: Role;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
/** How the hub's audit log names a code: the start of its hash (the code itself is never kept). */
const codeName = (code: string) => hash(code).slice(0, 12);

/**
 * One-time enrollment codes and the credentials they are exchanged for. Only hashes are stored:
 * codes and secrets are random 32-byte values, so a plain SHA-256 is enough.
 * A token reads `<credential id>.<secret>`. Each code issued, enrolment and revocation is in the hub's
 * audit log, written in the same transaction; the log's head is anchored after each commit.
 */
export class CredentialRepository {
  constructor(
    private readonly pool: pg.Pool,
    private readonly audit = new HubAuditLog(),
  ) {}

  /** `actor`: who asked for it, as the audit log names them (`cli:<user>` at the command line). */
  async issueCode(role: Role = 'workstation', validForMs = 7 * 24 * 3600_000, actor = 'hub'): Promise<string> {
    const code = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + validForMs);
    await inHubTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO enrollment_code (code_hash, role, expires_at) VALUES ($1, $2, $3)', [hash(code), role, expiresAt]);
      await this.audit.append(client, {
        actor,
        action: 'hub.code-issued',
        details: { role, code: codeName(code), expiresAt: expiresAt.toISOString() },
      });
    });
    await this.audit.anchorHead(this.pool);
    return code;
  }

  /** Spends a code (once, even when two instances race) and returns the new credential's token. */
  async enroll(code: string, name: string): Promise<{ workstationId: string; token: string; role: Role }> {
    const credentialId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const workstationId = randomUUID();
    const role = await inHubTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ role: Role }>(
        'UPDATE enrollment_code SET used_at = now(), used_by = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING role',
        [hash(code), credentialId],
      );
      const role = rows[0]?.role;
      if (!role) throw new EnrollmentInvalidError();
      await client.query('INSERT INTO credential (id, workstation_id, role, name, secret_hash) VALUES ($1, $2, $3, $4, $5)', [
        credentialId,
        workstationId,
        role,
        name,
        hash(secret),
      ]);
      await this.audit.append(client, {
        actor: `code:${codeName(code)}`,
        action: 'hub.workstation-enrolled',
        subject: workstationId,
        details: { role, name, credentialId },
      });
      return role;
    });
    await this.audit.anchorHead(this.pool);
    return { workstationId, token: `${credentialId}.${secret}`, role };
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '');
    if (!match) throw new UnauthorizedError(authorization ? 'malformed bearer token' : 'no bearer token');
    const { rows } = await this.pool.query<{ workstation_id: string; role: Role; secret_hash: string; revoked_at: Date | null }>({
      name: 'credential-authenticate',
      text: 'SELECT workstation_id, role, secret_hash, revoked_at FROM credential WHERE id = $1',
      values: [match[1]],
    });
    const row = rows[0];
    if (!row || !timingSafeEqual(Buffer.from(row.secret_hash, 'hex'), Buffer.from(hash(match[2]!), 'hex')))
      throw new UnauthorizedError('unknown credential');
    if (row.revoked_at) throw new UnauthorizedError('credential revoked');
    return { credentialId: match[1]!, workstationId: row.workstation_id, role: row.role };
  }

  /** Revokes every credential of a workstation; returns how many. */
  async revokeWorkstation(workstationId: string, actor = 'hub'): Promise<number> {
    const revoked = await inHubTransaction(this.pool, async (client) => {
      const r = await client.query('UPDATE credential SET revoked_at = now() WHERE workstation_id = $1 AND revoked_at IS NULL', [
        workstationId,
      ]);
      const n = r.rowCount ?? 0;
      if (n > 0)
        await this.audit.append(client, { actor, action: 'hub.workstation-revoked', subject: workstationId, details: { credentials: n } });
      return n;
    });
    await this.audit.anchorHead(this.pool);
    return revoked;
  }

  async isActiveWorkstation(workstationId: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      "SELECT 1 FROM credential WHERE workstation_id = $1 AND role = 'workstation' AND revoked_at IS NULL",
      [workstationId],
    );
    return rows.length > 0;
  }
}

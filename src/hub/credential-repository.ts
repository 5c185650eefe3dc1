import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { EnrollmentInvalidError, UnauthorizedError } from './sync-errors';

export type Role = 'workstation' | 'supervisor';

export interface Principal {
  credentialId: string;
  workstationId: string;
  role: Role;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * One-time enrollment codes and the credentials they are exchanged for. Only hashes are stored:
 * codes and secrets are random 32-byte values, so a plain SHA-256 is enough.
 * A token reads `<credential id>.<secret>`.
 */
export class CredentialRepository {
  constructor(private readonly pool: pg.Pool) {}

  async issueCode(role: Role = 'workstation', validForMs = 7 * 24 * 3600_000): Promise<string> {
    const code = randomBytes(24).toString('base64url');
    await this.pool.query('INSERT INTO enrollment_code (code_hash, role, expires_at) VALUES ($1, $2, $3)', [
      hash(code),
      role,
      new Date(Date.now() + validForMs),
    ]);
    return code;
  }

  /** Spends a code (once, even when two instances race) and returns the new credential's token. */
  async enroll(code: string, name: string): Promise<{ workstationId: string; token: string; role: Role }> {
    const credentialId = randomUUID();
    const { rows } = await this.pool.query<{ role: Role }>(
      'UPDATE enrollment_code SET used_at = now(), used_by = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING role',
      [hash(code), credentialId],
    );
    const role = rows[0]?.role;
    if (!role) throw new EnrollmentInvalidError();
    const secret = randomBytes(32).toString('base64url');
    const workstationId = randomUUID();
    await this.pool.query('INSERT INTO credential (id, workstation_id, role, name, secret_hash) VALUES ($1, $2, $3, $4, $5)', [
      credentialId,
      workstationId,
      role,
      name,
      hash(secret),
    ]);
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
  async revokeWorkstation(workstationId: string): Promise<number> {
    const r = await this.pool.query('UPDATE credential SET revoked_at = now() WHERE workstation_id = $1 AND revoked_at IS NULL', [
      workstationId,
    ]);
    return r.rowCount ?? 0;
  }

  async isActiveWorkstation(workstationId: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      "SELECT 1 FROM credential WHERE workstation_id = $1 AND role = 'workstation' AND revoked_at IS NULL",
      [workstationId],
    );
    return rows.length > 0;
  }
}

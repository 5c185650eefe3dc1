import type { UserSummary } from '../../shared/auth-types';
import type { Role } from '../../shared/roles';
import type { Db } from './database';

export interface UserRow extends UserSummary {
  passwordHash: string;
  failedAttempts: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

const SELECT_USER = `
  SELECT id, username, display_name AS displayName, role, password_hash AS passwordHash, disabled,
         failed_attempts AS failedAttempts, locked_until AS lockedUntil, created_at AS createdAt
  FROM user`;

type RawRow = Omit<UserRow, 'disabled'> & { disabled: number };
const toRow = (r: RawRow | undefined): UserRow | undefined => (r ? { ...r, disabled: r.disabled === 1 } : undefined);

/** The workstation's users: who they are, their role, their password hash and sign-in failures. */
export class UserRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM user').get() as { n: number }).n;
  }

  insert(user: NewUser, now: Date): UserRow {
    const info = this.db
      .prepare('INSERT INTO user (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(user.username, user.displayName, user.role, user.passwordHash, now.toISOString());
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): UserRow | undefined {
    return toRow(this.db.prepare(`${SELECT_USER} WHERE id = ?`).get(id) as RawRow | undefined);
  }

  byUsername(username: string): UserRow | undefined {
    return toRow(this.db.prepare(`${SELECT_USER} WHERE username = ?`).get(username) as RawRow | undefined);
  }

  list(): UserRow[] {
    return (this.db.prepare(`${SELECT_USER} ORDER BY username`).all() as RawRow[]).map((r) => toRow(r)!);
  }

  /** Active administrators other than `exceptId`: the last one may not be demoted or disabled. */
  otherActiveAdmins(exceptId: number): number {
    return (
      this.db.prepare("SELECT count(*) AS n FROM user WHERE role = 'administrator' AND disabled = 0 AND id != ?").get(exceptId) as {
        n: number;
      }
    ).n;
  }

  setRole(id: number, role: Role): void {
    this.db.prepare('UPDATE user SET role = ? WHERE id = ?').run(role, id);
  }

  setDisabled(id: number, disabled: boolean): void {
    this.db.prepare('UPDATE user SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
  }

  /** A new password also clears failures and any lockout. */
  setPassword(id: number, passwordHash: string): void {
    this.db.prepare('UPDATE user SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(passwordHash, id);
  }

  recordFailure(id: number, failedAttempts: number, lockedUntil: string | null): void {
    this.db.prepare('UPDATE user SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failedAttempts, lockedUntil, id);
  }

  clearFailures(id: number): void {
    this.db.prepare('UPDATE user SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
  }
}

/** A user as the contract shows it: never the hash. */
export function userSummary(u: UserRow): UserSummary {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
  };
}

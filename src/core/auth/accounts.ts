import type { UserSummary } from '../../shared/auth-types';
import type { Role } from '../../shared/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import { userSummary, type UserRow } from '../store/user-repository';
import { NotFoundError } from '../validation-error';
import { AccountLockedOutError, InvalidCredentialsError, LastAdminError, SetupDoneError, UserExistsError } from './auth-errors';
import { readAuthPolicy } from './auth-policy';
import { hashPassword, verifyPassword } from './password-hash';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/**
 * The workstation's accounts: checking passwords (with lockout after repeated failures) and
 * managing users. Every change and every failed sign-in is an audit event.
 */
export class Accounts {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  hasUsers(): boolean {
    return this.store.users.count() > 0;
  }

  list(): UserSummary[] {
    return this.store.users.list().map(userSummary);
  }

  /** Creates the first administrator; refused once any user exists. */
  async setupAdmin(account: Omit<NewAccount, 'role'>, actor: string): Promise<UserRow> {
    const passwordHash = await hashPassword(account.password);
    return this.store.transaction(() => {
      if (this.store.users.count() > 0) throw new SetupDoneError();
      const user = this.store.users.insert({ ...account, role: 'administrator', passwordHash }, this.now());
      this.audit.append(
        { actor, action: 'user.setup-admin', subject: user.username, details: { id: user.id, role: user.role } },
        this.now(),
      );
      return user;
    });
  }

  async create(account: NewAccount, actor: string): Promise<UserSummary> {
    const passwordHash = await hashPassword(account.password);
    return this.store.transaction(() => {
      if (this.store.users.byUsername(account.username)) throw new UserExistsError(account.username);
      const user = this.store.users.insert(
        { username: account.username, displayName: account.displayName, role: account.role, passwordHash },
        this.now(),
      );
      this.audit.append(
        { actor, action: 'user.create', subject: user.username, details: { id: user.id, role: user.role, displayName: user.displayName } },
        this.now(),
      );
      return userSummary(user);
    });
  }

  setRole(id: number, role: Role, actor: string): UserSummary {
    return this.store.transaction(() => {
      const user = this.mustGet(id);
      if (user.role === role) return userSummary(user);
      if (user.role === 'administrator' && !user.disabled && this.store.users.otherActiveAdmins(id) === 0) throw new LastAdminError();
      this.store.users.setRole(id, role);
      this.audit.append({ actor, action: 'user.set-role', subject: user.username, details: { id, from: user.role, to: role } }, this.now());
      return userSummary(this.mustGet(id));
    });
  }

  setDisabled(id: number, disabled: boolean, actor: string): UserSummary {
    return this.store.transaction(() => {
      const user = this.mustGet(id);
      if (user.disabled === disabled) return userSummary(user);
      if (disabled && user.role === 'administrator' && this.store.users.otherActiveAdmins(id) === 0) throw new LastAdminError();
      this.store.users.setDisabled(id, disabled);
      this.audit.append({ actor, action: disabled ? 'user.disable' : 'user.enable', subject: user.username, details: { id } }, this.now());
      return userSummary(this.mustGet(id));
    });
  }

  async resetPassword(id: number, password: string, actor: string): Promise<UserSummary> {
    this.mustGet(id);
    const passwordHash = await hashPassword(password);
    return this.store.transaction(() => {
      const user = this.mustGet(id);
      this.store.users.setPassword(id, passwordHash);
      this.audit.append({ actor, action: 'user.reset-password', subject: user.username, details: { id } }, this.now());
      return userSummary(this.mustGet(id));
    });
  }

  byUsername(username: string): UserRow | undefined {
    return this.store.users.byUsername(username);
  }

  get(id: number): UserRow | undefined {
    return this.store.users.get(id);
  }

  /**
   * Checks a password. Unknown, disabled and wrong give the same error (and take as long: a hash
   * is computed either way). After `lockoutAttempts` failures in a row the account refuses
   * sign-in for `lockoutMinutes`, password or not.
   */
  async authenticate(username: string, password: string, purpose: 'login' | 'unlock', actor: string): Promise<UserRow> {
    const user = this.store.users.byUsername(username);
    if (!user || user.disabled) {
      await verifyPassword(password, await this.dummy());
      this.audit.append(
        { actor, action: `auth.${purpose}-failed`, subject: username, details: { reason: user ? 'disabled' : 'unknown-user' } },
        this.now(),
      );
      throw new InvalidCredentialsError();
    }
    if (user.lockedUntil && user.lockedUntil > this.now().toISOString()) {
      this.audit.append(
        { actor, action: `auth.${purpose}-failed`, subject: username, details: { reason: 'locked-out', until: user.lockedUntil } },
        this.now(),
      );
      throw new AccountLockedOutError(user.lockedUntil);
    }
    if (await verifyPassword(password, user.passwordHash)) {
      if (user.failedAttempts > 0 || user.lockedUntil) this.store.users.clearFailures(user.id);
      return user;
    }
    const lockedUntil = this.store.transaction(() => {
      const policy = readAuthPolicy(this.store.settings);
      const attempts = (this.store.users.get(user.id)?.failedAttempts ?? 0) + 1;
      const lockNow = attempts >= policy.lockoutAttempts;
      const until = lockNow ? new Date(this.now().getTime() + policy.lockoutMinutes * 60_000).toISOString() : null;
      this.store.users.recordFailure(user.id, lockNow ? 0 : attempts, until);
      this.audit.append(
        { actor, action: `auth.${purpose}-failed`, subject: username, details: { reason: 'wrong-password', attempts, lockedUntil: until } },
        this.now(),
      );
      return until;
    });
    if (lockedUntil) throw new AccountLockedOutError(lockedUntil);
    throw new InvalidCredentialsError();
  }

  private mustGet(id: number): UserRow {
    const user = this.store.users.get(id);
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not a password of anyone');
    return this.dummyHash;
  }
}

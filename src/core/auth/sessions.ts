import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { AuthState, SignedInUser } from '../../shared/auth-types';
import type { MethodName } from '../../shared/methods';
import { ALLOWED_WHILE_LOCKED, mayCall, PERMISSIONS } from '../../shared/permissions';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import type { Accounts } from './accounts';
import { AccountLockedOutError, AuthForbiddenError, AuthRequiredError, NoSessionError, SessionLockedError } from './auth-errors';
import { readAuthPolicy } from './auth-policy';
import type { Principal } from './principal';

const ABANDONED_MS = 24 * 60 * 60_000;

/** A user's sign-in, in engine memory only: an engine restart forgets it. */
interface SignIn {
  token: string;
  user: SignedInUser;
  locked: boolean;
  lastActivity: number;
}

/** One client connection (a WebSocket, a window's port): signed in or not. */
export class Session {
  signIn: SignIn | null = null;
}

export interface SessionsOptions {
  store: Store;
  audit: AuditLog;
  accounts: Accounts;
  /** Who in-process calls (CLI, tests) run as. */
  system: Principal;
  now: () => Date;
}

/**
 * Sign-ins and the calls made under them. The dispatcher asks `admit` before a handler runs and
 * runs it inside `run`, so handlers see their caller through `current()`; a call made in-process,
 * outside any connection, runs as the system principal.
 */
export class Sessions {
  private readonly scope = new AsyncLocalStorage<Session>();
  private readonly byToken = new Map<string, SignIn>();
  private readonly closedListeners = new Set<(key: string) => void>();

  constructor(private readonly o: SessionsOptions) {}

  open(): Session {
    return new Session();
  }

  /** Refuses the call (before its handler runs) unless the session may make it now. */
  admit(session: Session, method: MethodName): void {
    const access = PERMISSIONS[method];
    if (access === 'anyone') return;
    const signIn = this.live(session);
    if (!signIn) throw new AuthRequiredError();
    if (signIn.locked && !ALLOWED_WHILE_LOCKED.has(method)) throw new SessionLockedError();
    if (!mayCall(signIn.user.role, method)) throw new AuthForbiddenError(method, signIn.user.role);
    if (!signIn.locked) signIn.lastActivity = this.o.now().getTime();
  }

  run<T>(session: Session, fn: () => T): T {
    return this.scope.run(session, fn);
  }

  /** The principal of the call in progress. */
  current(): Principal {
    const signIn = this.scope.getStore()?.signIn;
    if (!signIn) return this.o.system;
    return { kind: 'user', userId: signIn.user.id, name: signIn.user.username, role: signIn.user.role };
  }

  /**
   * Names the sign-in of the call in progress, for what belongs to it alone (the unlocked signer);
   * in-process calls share the system's key.
   */
  signInKey(): string {
    const signIn = this.scope.getStore()?.signIn;
    return signIn ? `sign-in:${signIn.token}` : 'system';
  }

  /** Called with a sign-in's key when it ends or locks (sign-out, screen lock, idle timeout, lock-out). */
  onSignInClosed(listener: (key: string) => void): void {
    this.closedListeners.add(listener);
  }

  state(session = this.session()): AuthState {
    const signIn = this.live(session);
    return {
      hasUsers: this.o.accounts.hasUsers(),
      user: signIn?.user ?? null,
      locked: signIn?.locked ?? false,
      idleMinutes: readAuthPolicy(this.o.store.settings).idleMinutes,
    };
  }

  async login(username: string, password: string): Promise<AuthState & { resumeToken: string }> {
    const session = this.session();
    const user = await this.o.accounts.authenticate(username, password, 'login', 'anonymous');
    return this.start(session, { id: user.id, username: user.username, displayName: user.displayName, role: user.role }, 'auth.login');
  }

  async setupAdmin(account: { username: string; displayName: string; password: string }): Promise<AuthState & { resumeToken: string }> {
    const session = this.session();
    const user = await this.o.accounts.setupAdmin(account, 'anonymous');
    return this.start(session, { id: user.id, username: user.username, displayName: user.displayName, role: user.role }, 'auth.login');
  }

  /** Takes over a sign-in after a window reload; an unknown token leaves the session signed out. */
  resume(token: string): AuthState {
    const session = this.session();
    const signIn = this.byToken.get(token);
    if (signIn) session.signIn = signIn;
    return this.state(session);
  }

  logout(): AuthState {
    const session = this.session();
    if (session.signIn) {
      this.o.audit.append({ actor: session.signIn.user.username, action: 'auth.logout' }, this.o.now());
      this.end(session.signIn);
    }
    session.signIn = null;
    return this.state(session);
  }

  lock(): AuthState {
    const session = this.session();
    const signIn = this.live(session);
    if (signIn && !signIn.locked) {
      signIn.locked = true;
      this.o.audit.append({ actor: signIn.user.username, action: 'auth.lock', details: { reason: 'requested' } }, this.o.now());
      this.closed(signIn);
    }
    return this.state(session);
  }

  async unlock(password: string): Promise<AuthState> {
    const session = this.session();
    const signIn = this.live(session);
    if (!signIn) throw new AuthRequiredError();
    try {
      await this.o.accounts.authenticate(signIn.user.username, password, 'unlock', signIn.user.username);
    } catch (e) {
      // Locked out while unlocking: the sign-in ends; the next person signs in afresh.
      if (e instanceof AccountLockedOutError) {
        this.end(signIn);
        session.signIn = null;
      }
      throw e;
    }
    if (signIn.locked) this.o.audit.append({ actor: signIn.user.username, action: 'auth.unlock' }, this.o.now());
    signIn.locked = false;
    signIn.lastActivity = this.o.now().getTime();
    return this.state(session);
  }

  /** Whether events may go to this session: signed in and not locked. */
  receivesEvents(session: Session): boolean {
    const signIn = session.signIn;
    return !!signIn && !signIn.locked && this.byToken.has(signIn.token);
  }

  private start(session: Session, user: SignedInUser, action: string): AuthState & { resumeToken: string } {
    if (session.signIn) this.end(session.signIn);
    this.forgetAbandoned();
    const signIn: SignIn = { token: randomBytes(32).toString('base64url'), user, locked: false, lastActivity: this.o.now().getTime() };
    this.byToken.set(signIn.token, signIn);
    session.signIn = signIn;
    this.o.audit.append({ actor: user.username, action, details: { role: user.role } }, this.o.now());
    return { ...this.state(session), resumeToken: signIn.token };
  }

  /** Sign-ins left behind by closed windows: once idle for a day nobody can resume them without the password anyway. */
  private forgetAbandoned(): void {
    const cutoff = this.o.now().getTime() - ABANDONED_MS;
    for (const signIn of [...this.byToken.values()]) if (signIn.lastActivity < cutoff) this.end(signIn);
  }

  private end(signIn: SignIn): void {
    this.byToken.delete(signIn.token);
    this.closed(signIn);
  }

  private closed(signIn: SignIn): void {
    for (const listener of this.closedListeners) listener(`sign-in:${signIn.token}`);
  }

  /**
   * The session's sign-in as it stands now: gone if it ended elsewhere or the user was disabled;
   * its role as the store says now; locked once idle longer than the policy allows.
   */
  private live(session: Session): SignIn | null {
    const signIn = session.signIn;
    if (!signIn) return null;
    const user = this.byToken.has(signIn.token) ? this.o.accounts.get(signIn.user.id) : undefined;
    if (!user || user.disabled) {
      this.end(signIn);
      session.signIn = null;
      return null;
    }
    signIn.user = { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
    const idleMs = readAuthPolicy(this.o.store.settings).idleMinutes * 60_000;
    if (!signIn.locked && this.o.now().getTime() - signIn.lastActivity > idleMs) {
      signIn.locked = true;
      this.o.audit.append({ actor: user.username, action: 'auth.lock', details: { reason: 'idle' } }, this.o.now());
      this.closed(signIn);
    }
    return signIn;
  }

  private session(): Session {
    const session = this.scope.getStore();
    if (!session) throw new NoSessionError();
    return session;
  }
}

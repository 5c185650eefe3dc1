/** Result types of the accounts, sign-in and audit methods. */
import type { Role } from './roles';
import type { AuditSubject } from './audit-subject';

export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface AuthState {
  /** False until the first administrator is created (first start). */
  hasUsers: boolean;
  user: SignedInUser | null;
  /** Signed in, but the screen is locked (idle or on request): only the password unlocks it. */
  locked: boolean;
  idleMinutes: number;
}

/** What a successful sign-in returns: the state, and a token that lets a reloaded window resume the session (engine memory only). */
export interface SignInResult extends AuthState {
  resumeToken: string;
}

export interface UserSummary extends SignedInUser {
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface AuthPolicy {
  idleMinutes: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  workstationId: string | null;
  action: string;
  subject: string | null;
  /** The subject in words a supervisor knows (null: the event has none). */
  subjectView: AuditSubject | null;
  details: Record<string, unknown>;
}

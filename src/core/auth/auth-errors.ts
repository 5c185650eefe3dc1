import { CodedError } from '../../shared/errors';

/** The call needs a signed-in user and this connection has none. */
export class AuthRequiredError extends CodedError {
  constructor() {
    super('auth.required', 'Sign in first');
  }
}

/** The signed-in user's role may not call this method. */
export class AuthForbiddenError extends CodedError {
  constructor(method: string, role: string) {
    super('auth.forbidden', `The ${role} role may not call ${method}`, { method, role });
  }
}

/** The screen is locked (idle, or on request): only the password unlocks it. */
export class SessionLockedError extends CodedError {
  constructor() {
    super('auth.locked', 'The session is locked: enter the password to unlock it');
  }
}

/** Wrong password, unknown or disabled user: one answer for all, so it tells nothing about which. */
export class InvalidCredentialsError extends CodedError {
  constructor() {
    super('auth.invalid-credentials', 'Wrong username or password');
  }
}

/** Too many wrong passwords: this account refuses sign-in until `until`. */
export class AccountLockedOutError extends CodedError {
  constructor(until: string) {
    super('auth.locked-out', `Too many failed sign-ins: try again after ${until}`, { until });
  }
}

export class SetupDoneError extends CodedError {
  constructor() {
    super('auth.setup-done', 'An administrator already exists: sign in instead');
  }
}

export class UserExistsError extends CodedError {
  constructor(username: string) {
    super('user.exists', `A user named ${username} already exists`, { username });
  }
}

/** The workstation would be left without an active administrator. */
export class LastAdminError extends CodedError {
  constructor() {
    super('user.last-admin', 'This is the last active administrator: appoint another one first');
  }
}

/** A sign-in method called in-process (CLI, tests), where there is no connection to sign in. */
export class NoSessionError extends CodedError {
  constructor() {
    super('auth.no-session', 'Sign-in needs a client connection; the command line runs as the local operator');
  }
}

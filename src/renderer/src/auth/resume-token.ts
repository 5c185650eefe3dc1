const KEY = 'sohoa.resumeToken';

/**
 * The token that lets this window take its sign-in back after a reload. Session storage: it dies
 * with the window, and the engine forgets the sign-in itself when it restarts.
 */
export function loadResumeToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveResumeToken(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(KEY);
    else window.sessionStorage.setItem(KEY, token);
  } catch {
    // Without storage a reload asks for the password again.
  }
}

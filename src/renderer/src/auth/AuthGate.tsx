import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthState, SignInResult } from '../../../shared/auth-types';
import type { EngineBridge } from '../../../shared/bridge';
import { Notice } from '../components/Notice';
import { EngineProvider } from '../engine/engine-context';
import { errorCode } from '../engine/engine-errors';
import { errorMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n-context';
import { AuthContext, type SignedIn } from './auth-context';
import { guardBridge } from './guard-bridge';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';
import { loadResumeToken, saveResumeToken } from './resume-token';
import { SetupAdminScreen } from './SetupAdminScreen';
import { AgencySetupScreen } from './AgencySetupScreen';
import { useIdleLock } from './use-idle-lock';

/**
 * Nothing of the app shows until someone is signed in: first start asks for the administrator,
 * then the sign-in screen. Idle (or on request) the lock screen covers the app, which stays
 * mounted underneath, hidden, so no work is lost. The engine enforces all of it; this follows it.
 */
export function AuthGate({ engine, children }: { engine: EngineBridge; children: ReactNode }) {
  const t = useT();
  const [state, setState] = useState<AuthState | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const refresh = useCallback(() => {
    engine.api['auth.state']({}).then(setState, setFailure);
  }, [engine]);
  const guarded = useMemo(() => guardBridge(engine, refresh), [engine, refresh]);

  useEffect(() => {
    const token = loadResumeToken();
    (token ? engine.api['auth.resume']({ token }) : engine.api['auth.state']({})).then(setState, setFailure);
  }, [engine]);

  const signedIn = useCallback((result: SignInResult) => {
    saveResumeToken(result.resumeToken);
    setState(result);
  }, []);
  const signOut = useCallback(() => {
    saveResumeToken(null);
    engine.api['auth.logout']({}).then(setState, refresh);
  }, [engine, refresh]);
  const lockNow = useCallback(() => {
    engine.api['auth.lock']({}).then(setState, refresh);
  }, [engine, refresh]);

  const user = state?.user ?? null;
  const locked = state?.locked ?? false;
  // First start, after the administrator: the agency, before anything else (the engine refuses intake without it).
  const [agencyMissing, setAgencyMissing] = useState<boolean | null>(null);
  const isAdmin = user?.role === 'administrator';
  useEffect(() => {
    if (!isAdmin || locked) return;
    guarded.api['settings.get']({ key: 'agency.code' }).then(
      (v) => setAgencyMissing(v.value === null),
      () => setAgencyMissing(false),
    );
  }, [guarded, isAdmin, locked]);
  useIdleLock(state?.idleMinutes ?? 0, lockNow, !!user && !locked);
  const context = useMemo<SignedIn | null>(() => (user ? { user, signOut, lockNow } : null), [user, signOut, lockNow]);

  let screen: ReactNode = null;
  if (failure) screen = <Notice tone="error">{errorMessage(t, errorCode(failure))}</Notice>;
  else if (!state) screen = <p className="auth-checking">{t('auth.checking')}</p>;
  else if (!state.hasUsers) screen = <SetupAdminScreen onSignedIn={signedIn} />;
  else if (!user) screen = <LoginScreen onSignedIn={signedIn} />;
  else if (locked) screen = <LockScreen user={user} onUnlocked={setState} onSignOut={signOut} />;
  else if (isAdmin && agencyMissing) screen = <AgencySetupScreen onDone={() => setAgencyMissing(false)} />;

  return (
    <EngineProvider engine={guarded}>
      {screen}
      {context && (
        <AuthContext.Provider value={context}>
          <div hidden={locked || (isAdmin && agencyMissing !== false)} className="app-frame">
            {children}
          </div>
        </AuthContext.Provider>
      )}
    </EngineProvider>
  );
}

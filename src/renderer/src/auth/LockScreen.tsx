import { useState } from 'react';
import type { AuthState, SignedInUser } from '../../../shared/auth-types';
import { TextField } from '../components/TextField';
import { useEngine } from '../engine/engine-context';
import { useEngineAction } from '../hooks/use-engine-action';
import { useT } from '../i18n/i18n-context';
import { AuthError } from './AuthError';
import { AuthScreen } from './AuthScreen';

/** The idle lock: the work behind it stays as it was; only the signed-in user's password opens it. */
export function LockScreen({ user, onUnlocked, onSignOut }: { user: SignedInUser; onUnlocked(state: AuthState): void; onSignOut(): void }) {
  const t = useT();
  const api = useEngine();
  const action = useEngineAction();
  const [password, setPassword] = useState('');

  const submit = async () => {
    const state = await action.run(() => api['auth.unlock']({ password }));
    setPassword('');
    if (state) onUnlocked(state);
  };

  return (
    <AuthScreen title={t('auth.lock.title')} intro={t('auth.lock.intro', { name: user.displayName })} onSubmit={() => void submit()}>
      <TextField
        label={t('auth.password')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        autoFocus
      />
      <AuthError error={action.error} passwordOnly />
      <div className="auth-actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {t('auth.lock.submit')}
        </button>
        <button type="button" onClick={onSignOut}>
          {t('auth.signOut')}
        </button>
      </div>
    </AuthScreen>
  );
}

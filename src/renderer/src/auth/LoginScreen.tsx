import { useState } from 'react';
import type { SignInResult } from '../../../shared/auth-types';
import { TextField } from '../components/TextField';
import { useEngine } from '../engine/engine-context';
import { useEngineAction } from '../hooks/use-engine-action';
import { useT } from '../i18n/i18n-context';
import { AuthError } from './AuthError';
import { AuthScreen } from './AuthScreen';

export function LoginScreen({ onSignedIn }: { onSignedIn(result: SignInResult): void }) {
  const t = useT();
  const api = useEngine();
  const action = useEngineAction();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = async () => {
    const result = await action.run(() => api['auth.login']({ username, password }));
    if (result) onSignedIn(result);
    else setPassword('');
  };

  return (
    <AuthScreen title={t('auth.login.title')} onSubmit={() => void submit()}>
      <TextField label={t('auth.username')} value={username} onChange={setUsername} autoComplete="username" autoFocus />
      <TextField label={t('auth.password')} type="password" value={password} onChange={setPassword} autoComplete="current-password" />
      <AuthError error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('auth.login.submit')}
      </button>
    </AuthScreen>
  );
}

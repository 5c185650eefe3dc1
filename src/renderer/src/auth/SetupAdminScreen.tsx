import { useState } from 'react';
import type { SignInResult } from '../../../shared/auth-types';
import { TextField } from '../components/TextField';
import { useEngine } from '../engine/engine-context';
import { useEngineAction } from '../hooks/use-engine-action';
import { useT } from '../i18n/i18n-context';
import { AuthError } from './AuthError';
import { AuthScreen } from './AuthScreen';
import { problemsByField } from './auth-problems';

/** First start: no user exists yet, so the first one is the administrator. */
export function SetupAdminScreen({ onSignedIn }: { onSignedIn(result: SignInResult): void }) {
  const t = useT();
  const api = useEngine();
  const action = useEngineAction();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', repeat: '' });
  const [mismatch, setMismatch] = useState(false);
  const problems = problemsByField(t, action.error);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    const differ = form.password !== form.repeat;
    setMismatch(differ);
    if (differ) return;
    const result = await action.run(() =>
      api['auth.setupAdmin']({ username: form.username, displayName: form.displayName, password: form.password }),
    );
    if (result) onSignedIn(result);
  };

  return (
    <AuthScreen title={t('auth.setup.title')} intro={t('auth.setup.intro')} onSubmit={() => void submit()}>
      <TextField
        label={t('auth.displayName')}
        value={form.displayName}
        onChange={set('displayName')}
        problem={problems.displayName}
        autoComplete="name"
      />
      <TextField
        label={t('auth.username')}
        value={form.username}
        onChange={set('username')}
        problem={problems.username}
        hint={t('auth.usernameHint')}
        autoComplete="username"
      />
      <TextField
        label={t('auth.password')}
        type="password"
        value={form.password}
        onChange={set('password')}
        problem={problems.password}
        hint={t('auth.passwordHint')}
        autoComplete="new-password"
      />
      <TextField
        label={t('auth.passwordRepeat')}
        type="password"
        value={form.repeat}
        onChange={set('repeat')}
        problem={mismatch ? t('auth.passwordMismatch') : null}
        autoComplete="new-password"
      />
      {action.error && !Object.keys(problems).length ? <AuthError error={action.error} /> : null}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('auth.setup.submit')}
      </button>
    </AuthScreen>
  );
}

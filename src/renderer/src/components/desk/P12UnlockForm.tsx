import { useId, useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

/** Opens a PKCS#12 certificate file for the session: the password goes to the engine once and is cleared here. */
export function P12UnlockForm({ onUnlocked }: { onUnlocked: () => void }) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [p12Path, setP12Path] = useState('');
  const [password, setPassword] = useState('');
  const unlock = useEngineAction();

  const submit = async () => {
    const status = await unlock.run(() => api['signer.unlock']({ p12Path, password }));
    setPassword('');
    if (status) onUnlocked();
  };

  return (
    <form
      className="unlock-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-p12`}>{t('finalize.p12')}</label>
      <input id={`${id}-p12`} value={p12Path} onChange={(e) => setP12Path(e.target.value)} />
      <label htmlFor={`${id}-pass`}>{t('finalize.password')}</label>
      <input id={`${id}-pass`} type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={unlock.busy || !p12Path}>
        {t('finalize.unlock')}
      </button>
      <ErrorNotice error={unlock.error} />
    </form>
  );
}

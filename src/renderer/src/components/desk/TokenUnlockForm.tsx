import { useId, useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

/**
 * Opens the USB token (PKCS#11) the administrator configured: the engine loads the configured
 * module; only the PIN is asked, goes to the engine once and is cleared here.
 */
export function TokenUnlockForm({ onUnlocked }: { onUnlocked: () => void }) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [pin, setPin] = useState('');
  const unlock = useEngineAction();

  const submit = async () => {
    const status = await unlock.run(() => api['signer.unlockToken']({ pin }));
    setPin('');
    if (status) onUnlocked();
  };

  return (
    <form
      className="unlock-form"
      aria-label={t('finalize.token')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-pin`}>{t('finalize.pin')}</label>
      <input id={`${id}-pin`} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
      <button type="submit" disabled={unlock.busy || !pin}>
        {t('finalize.unlockToken')}
      </button>
      <ErrorNotice error={unlock.error} />
    </form>
  );
}

import { useId, useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

/** Opens a USB token (PKCS#11) for the session: the PIN goes to the engine once and is cleared here. */
export function TokenUnlockForm({ onUnlocked }: { onUnlocked: () => void }) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [modulePath, setModulePath] = useState('');
  const [tokenLabel, setTokenLabel] = useState('');
  const [pin, setPin] = useState('');
  const unlock = useEngineAction();

  const submit = async () => {
    const status = await unlock.run(() => api['signer.unlockToken']({ modulePath, tokenLabel: tokenLabel || undefined, pin }));
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
      <label htmlFor={`${id}-module`}>{t('finalize.tokenModule')}</label>
      <input id={`${id}-module`} value={modulePath} onChange={(e) => setModulePath(e.target.value)} />
      <label htmlFor={`${id}-label`}>{t('finalize.tokenLabel')}</label>
      <input id={`${id}-label`} value={tokenLabel} onChange={(e) => setTokenLabel(e.target.value)} />
      <label htmlFor={`${id}-pin`}>{t('finalize.pin')}</label>
      <input id={`${id}-pin`} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
      <button type="submit" disabled={unlock.busy || !modulePath || !pin}>
        {t('finalize.unlockToken')}
      </button>
      <ErrorNotice error={unlock.error} />
    </form>
  );
}

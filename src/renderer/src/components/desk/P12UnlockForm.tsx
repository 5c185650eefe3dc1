import { useId, useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { fileBase64 } from '../../engine/file-base64';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';
import { FileChooser } from '../FileChooser';
import { ErrorNotice } from './ErrorNotice';

/**
 * Opens a PKCS#12 certificate for the session: the configured file (the engine reads it; only the
 * password is asked) or, with `chooseFile`, a file the clerk picks, sent as its bytes. The password
 * goes to the engine once and is cleared here.
 */
export function P12UnlockForm({
  chooseFile,
  passwordLabel = 'finalize.password',
  onUnlocked,
}: {
  chooseFile: boolean;
  passwordLabel?: MessageKey;
  onUnlocked: () => void;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const unlock = useEngineAction();

  const submit = async () => {
    const status = await unlock.run(async () =>
      api['signer.unlock'](chooseFile && file ? { p12Base64: await fileBase64(file), password } : { password }),
    );
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
      {chooseFile && (
        <>
          <label htmlFor={`${id}-p12`}>{t('finalize.p12')}</label>
          <FileChooser id={`${id}-p12`} accept=".p12,.pfx" chosen={file?.name ?? null} onFile={setFile} />
        </>
      )}
      <label htmlFor={`${id}-pass`}>{t(passwordLabel)}</label>
      <input id={`${id}-pass`} type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={unlock.busy || (chooseFile && !file)}>
        {t('finalize.unlock')}
      </button>
      <ErrorNotice error={unlock.error} />
    </form>
  );
}

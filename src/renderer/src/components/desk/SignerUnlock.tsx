import type { SignerStatus } from '../../../../shared/types';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { P12UnlockForm } from './P12UnlockForm';
import { TokenUnlockForm } from './TokenUnlockForm';

/**
 * The unlock step as the administrator configured it (Settings › Signing): the configured file
 * asks only for its password, the configured token only for its PIN. Another file, where allowed,
 * is picked by the clerk and travels as its bytes.
 */
export function SignerUnlock({ status, onUnlocked }: { status: SignerStatus; onUnlocked: () => void }) {
  const t = useT();
  const c = status.configured;
  if (c.source === 'pkcs11' && c.modulePath) {
    return (
      <div className="signer-unlock">
        <p className="signer-configured">
          {t('finalize.configuredToken', { label: c.tokenLabel ?? t('finalize.anyToken'), module: c.modulePath })}
        </p>
        <TokenUnlockForm onUnlocked={onUnlocked} />
      </div>
    );
  }
  if (c.source === 'file' && c.p12Path) {
    return (
      <div className="signer-unlock">
        <p className="signer-configured">{t('finalize.configuredFile', { path: c.p12Path })}</p>
        {c.p12Problem ? (
          <Notice tone="error">{errorMessage(t, c.p12Problem)}</Notice>
        ) : (
          <P12UnlockForm chooseFile={false} onUnlocked={onUnlocked} />
        )}
        {c.otherFileAllowed && (
          <details className="signer-other-file" open={c.p12Problem !== null}>
            <summary>{t('finalize.otherFile')}</summary>
            <P12UnlockForm chooseFile passwordLabel="finalize.otherPassword" onUnlocked={onUnlocked} />
          </details>
        )}
      </div>
    );
  }
  return (
    <div className="signer-unlock">
      {c.otherFileAllowed ? (
        <P12UnlockForm chooseFile onUnlocked={onUnlocked} />
      ) : (
        <Notice tone="info">{t('finalize.notConfigured')}</Notice>
      )}
    </div>
  );
}

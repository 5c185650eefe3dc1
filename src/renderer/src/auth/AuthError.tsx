import { CodedError } from '../../../shared/errors';
import { Notice } from '../components/Notice';
import { errorCode } from '../engine/engine-errors';
import { errorMessage } from '../i18n/error-messages';
import { formatDateTime } from '../i18n/format-date';
import { useLanguage, useT } from '../i18n/i18n-context';

/** A refused sign-in, setup or unlock; a lockout also says until when. At the lock screen only the password is asked, and only it is named. */
export function AuthError({ error, passwordOnly = false }: { error: unknown; passwordOnly?: boolean }) {
  const t = useT();
  const { language } = useLanguage();
  if (!error) return null;
  const until = error instanceof CodedError && typeof error.details?.until === 'string' ? error.details.until : null;
  const time = until ? formatDateTime(until, language) : null;
  return (
    <Notice tone="error">
      {passwordOnly && errorCode(error) === 'auth.invalid-credentials' ? t('auth.lock.wrongPassword') : errorMessage(t, errorCode(error))}
      {time && ` ${t('auth.lockedUntil', { time })}`}
    </Notice>
  );
}

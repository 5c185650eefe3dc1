import { useT } from '../i18n/i18n-context';
import { useSignedIn } from './auth-context';

/** Who is signed in, with the buttons to lock the screen and to sign out. */
export function UserBox() {
  const t = useT();
  const { user, signOut, lockNow } = useSignedIn();
  return (
    <div className="user-box">
      <span className="user-name">{t('auth.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}</span>
      <button type="button" className="small" onClick={lockNow}>
        {t('auth.lockNow')}
      </button>
      <button type="button" className="small" onClick={signOut}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}

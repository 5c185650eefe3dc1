import { Notice } from '../components/Notice';
import { SettingsForm } from '../components/settings/SettingsForm';
import { errorCode } from '../engine/engine-errors';
import { useSettings } from '../hooks/use-settings';
import { errorMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n-context';
import { AuthScreenFrame } from './AuthScreen';

/** First start, after the administrator: the agency's identity, before any dossier can be taken in. */
export function AgencySetupScreen({ onDone }: { onDone(): void }) {
  const t = useT();
  const { views, error } = useSettings();
  const agency = views?.filter((v) => v.section === 'agency');
  return (
    <AuthScreenFrame title={t('agencySetup.title')} intro={t('agencySetup.intro')}>
      {error ? <Notice tone="error">{errorMessage(t, errorCode(error))}</Notice> : null}
      {agency ? (
        <SettingsForm views={agency} submitLabel={t('agencySetup.submit')} onSaved={onDone} />
      ) : (
        <p className="field-hint">{t('settings.loading')}</p>
      )}
    </AuthScreenFrame>
  );
}

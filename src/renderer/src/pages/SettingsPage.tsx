import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n/i18n-context';

export function SettingsPage() {
  const t = useT();
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <section className="card">
        <LanguageSwitch />
        <p className="field-hint">{t('settings.coming')}</p>
      </section>
    </>
  );
}

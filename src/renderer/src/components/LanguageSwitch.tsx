import { LANGUAGES, type Language } from '../i18n/catalogs';
import { useLanguage, useT } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/vi';

const LABELS: Record<Language, MessageKey> = { vi: 'settings.lang.vi', en: 'settings.lang.en' };

/** Vietnamese or English; the choice is remembered on this workstation. */
export function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <fieldset className="language-switch">
      <legend>{t('settings.language')}</legend>
      {LANGUAGES.map((lang) => (
        <label key={lang} className="choice">
          <input type="radio" name="language" value={lang} checked={language === lang} onChange={() => setLanguage(lang)} />
          <span lang={lang}>{t(LABELS[lang])}</span>
        </label>
      ))}
    </fieldset>
  );
}

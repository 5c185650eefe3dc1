import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { CATALOGS, type Language } from './catalogs';
import { loadLanguage, saveLanguage } from './language-store';
import { translator, type Translate } from './translate';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(loadLanguage);
  const setLanguage = useCallback((next: Language) => {
    saveLanguage(next);
    setLanguageState(next);
  }, []);
  const t = useMemo(() => translator(CATALOGS[language]), [language]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${t('app.name')} — ${t('app.tagline')}`;
  }, [language, t]);

  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

export const useT = (): Translate => useI18n().t;
export const useLanguage = (): Pick<I18n, 'language' | 'setLanguage'> => {
  const { language, setLanguage } = useI18n();
  return { language, setLanguage };
};

import { isLanguage, type Language } from './catalogs';

const KEY = 'sohoa.language';

/** The chosen language survives reloads; Vietnamese until someone picks another. */
export function loadLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(KEY);
    return isLanguage(saved) ? saved : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLanguage(language: Language): void {
  try {
    window.localStorage.setItem(KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this session only.
  }
}

import { en } from './en';
import { vi, type Catalog } from './vi';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGS: Record<Language, Catalog> = { vi, en };

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

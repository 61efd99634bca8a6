// Language setup: English, French and Vietnamese bundled (no network), the system language by
// default, and the user's choice from settings (`settings.language`) when made.
import { addMessages, init, locale } from 'svelte-i18n';
import en from './en.json';
import fr from './fr.json';
import vi from './vi.json';
import type { LanguageSetting } from '../lib/types';

export const LANGUAGES = ['en', 'fr', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

addMessages('en', en);
addMessages('fr', fr);
addMessages('vi', vi);

/** Maps a BCP 47 tag such as `fr-CA` or `vi-VN` to a language Coffre speaks, English otherwise. */
export function pickLanguage(tag: string | undefined): Language {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

export function systemLanguage(): Language {
  return pickLanguage(typeof navigator === 'undefined' ? undefined : navigator.language);
}

export function resolveLanguage(setting: LanguageSetting): Language {
  return setting === 'system' ? systemLanguage() : setting;
}

export function setupI18n(): void {
  init({ fallbackLocale: 'en', initialLocale: systemLanguage() });
  setDocumentLanguage(systemLanguage());
}

export function applyLanguage(setting: LanguageSetting): void {
  const lang = resolveLanguage(setting);
  locale.set(lang);
  setDocumentLanguage(lang);
}

function setDocumentLanguage(lang: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

// Language setup: English, French and Vietnamese bundled (no network), the system language by
// default, and the user's choice from settings (`settings.language`) when made.
import { addMessages, getMessageFormatter, init, locale } from 'svelte-i18n';
import en from './en.json';
import fr from './fr.json';
import vi from './vi.json';
// The catalog's sentences (diagnoses, exchange names, format hints), generated from its TOML by
// `crates/catalog/tests/ui_sentences.rs`: one source for the CLI and the app.
import catalogSentences from './catalog.json';
import type { LanguageSetting } from '../lib/types';

export const LANGUAGES = ['en', 'fr', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

const MESSAGES = { en, fr, vi } satisfies Record<Language, object>;
for (const lang of LANGUAGES) addMessages(lang, MESSAGES[lang], catalogSentences[lang]);

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

/** Every message string of a (nested) catalogue. */
function messageStrings(catalogue: object): string[] {
  return Object.values(catalogue).flatMap((value) =>
    typeof value === 'string' ? [value] : typeof value === 'object' && value ? messageStrings(value) : [],
  );
}

/**
 * Parses every message of `lang` and loads the locale's number data, once. svelte-i18n parses a
 * message the first time it is shown and the first number format loads ICU data: done while the
 * KDF runs (the webview is idle then), the first inventory is not spent on it.
 */
export function warmUpMessages(lang: Language): number {
  const strings = [...messageStrings(MESSAGES[lang]), ...messageStrings(catalogSentences[lang])];
  for (const message of strings) getMessageFormatter(message, lang);
  new Intl.NumberFormat(lang).format(1000);
  new Intl.PluralRules(lang).select(1);
  return strings.length;
}

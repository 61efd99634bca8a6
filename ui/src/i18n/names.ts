// Names and hints from the catalog's sentences (catalog.json) as a key shows them in the current
// language: Rust's `exchange_name` is English ("Other exchange"), so a description is translated,
// while a brand, or the name the user gave an "other" exchange, stays as it is.
import catalogSentences from './catalog.json';
import { exchangeName } from './diagnosis';

type Format = (id: string, options?: { default?: string }) => string;

const ENGLISH_NAMES: Record<string, string> = catalogSentences.en.exchange_name;

/** The exchange's name for a key row, page or badge. */
export function keyExchangeName(format: Format, key: { exchange: string; exchange_name: string }): string {
  const fromCatalog = !key.exchange_name || key.exchange_name === ENGLISH_NAMES[key.exchange];
  return fromCatalog ? exchangeName(format, key.exchange, key.exchange_name) : key.exchange_name;
}

/** What a pasted field looks like on this exchange ("64 caractères, …"), under the field. */
export function formatHint(format: Format, exchange: string, field: 'api_key' | 'secret', fallback = ''): string {
  return format(`format_hint.${exchange}.${field}`, { default: fallback });
}

// The sentence for a failed check, from the catalog's sentences (ui/src/i18n/catalog.json, made
// from crates/catalog/data): the one for the exchange's own code where that code means several
// things there (Binance -2015), else the general one for its kind. The CLI says the same words.
import type { CheckReport, Diagnosis } from '../lib/types';

type Format = (
  id: string,
  options?: { values?: Record<string, string | number>; default?: string; locale?: string },
) => string;

/** The catalog's key for a diagnosis: its kind, split where the sentence differs. */
export function diagnosisKey(d: Diagnosis): string {
  if (d.kind === 'clock_skew') return d.offset_ms >= 0 ? 'clock_ahead' : 'clock_behind';
  if (d.kind === 'rate_limited') return d.retry_after_s === undefined ? 'rate_limited' : 'rate_limited_retry';
  return d.kind;
}

/** The exchange's name in the current language ("Other exchange" is translated, brands are not). */
export function exchangeName(format: Format, exchange: string, fallback?: string): string {
  return format(`exchange_name.${exchange}`, { default: fallback ?? exchange });
}

export function diagnosisSentence(format: Format, report: CheckReport, lang: string): string {
  const d = report.diagnosis;
  if (!d) return '';
  const seconds = d.kind === 'clock_skew' ? Math.abs(d.offset_ms) / 1000 : 0;
  const values = {
    exchange: exchangeName(format, report.exchange),
    offset_s: new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(seconds),
    retry_after_s: d.kind === 'rate_limited' ? (d.retry_after_s ?? '') : '',
  };
  const general = format(`diagnosis.${diagnosisKey(d)}`, { values, default: d.message });
  if (!d.exchange_code) return general;
  return format(`diagnosis_code.${report.exchange}|${d.kind}|${d.exchange_code}`, { values, default: general });
}

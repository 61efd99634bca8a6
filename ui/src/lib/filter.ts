// Inventory search and filters as a pure function, so the key list only renders what this returns.
import { compareByDeadline } from './deadline';
import type { KeyStatus, KeySummary } from './types';
import { matchesVerdict, type VerdictFilter } from './verdict';

export interface KeyFilter {
  /** Free text matched against label, exchange, platform, tag, account and notes. */
  query: string;
  exchange: string | null;
  platform: string | null;
  /** `deadline`: keys with any known deadline (reported, estimated or set by the user). */
  status: KeyStatus | 'expiring' | 'deadline' | null;
  /** Platform verdict of the key (see `verdict.ts`). */
  verdict: VerdictFilter;
  /** `vault`: the vault's order (by label); `deadline`: the nearest deadline first. */
  sort?: 'vault' | 'deadline';
}

export const emptyFilter = (): KeyFilter => ({
  query: '',
  exchange: null,
  platform: null,
  status: null,
  verdict: null,
});

function normalize(s: string): string {
  // Accent-insensitive so "echange" finds "Échange" and "bitget" finds "BitGet".
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function haystack(key: KeySummary): string {
  return normalize(
    [key.label, key.exchange, key.exchange_name, key.account ?? '', ...key.platforms, ...key.tags, key.notes].join(
      '\n',
    ),
  );
}

export function matchesKey(key: KeySummary, filter: KeyFilter): boolean {
  if (filter.exchange && key.exchange !== filter.exchange) return false;
  if (filter.platform && !key.platforms.includes(filter.platform)) return false;
  if (filter.status === 'expiring') {
    if (!key.expiring_soon) return false;
  } else if (filter.status === 'deadline') {
    if (!key.deadline) return false;
  } else if (filter.status && key.status !== filter.status) {
    return false;
  }
  if (!matchesVerdict(key, filter.verdict)) return false;
  // Every word must appear somewhere: "binance bitsgap" narrows rather than widens.
  const words = normalize(filter.query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(key);
  return words.every((w) => text.includes(w));
}

export function filterKeys(keys: KeySummary[], filter: KeyFilter): KeySummary[] {
  const shown = keys.filter((k) => matchesKey(k, filter));
  return filter.sort === 'deadline' ? shown.sort(compareByDeadline) : shown;
}

/** Distinct values present in the inventory, for the filter menus. */
export function filterOptions(keys: KeySummary[]): { exchanges: { id: string; name: string }[]; platforms: string[] } {
  const exchanges = new Map<string, string>();
  const platforms = new Set<string>();
  for (const k of keys) {
    exchanges.set(k.exchange, k.exchange_name || k.exchange);
    k.platforms.forEach((p) => platforms.add(p));
  }
  return {
    exchanges: [...exchanges].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    platforms: [...platforms].sort((a, b) => a.localeCompare(b)),
  };
}

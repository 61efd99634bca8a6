import { describe, expect, it } from 'vitest';
import { emptyFilter, filterKeys, filterOptions, type KeyFilter } from './filter';
import { keySummaries } from '../fixtures';
import type { KeySummary } from './types';

/** A fixture key with nothing searchable but what `over` says. */
function key(over: Partial<KeySummary>): KeySummary {
  const [base] = keySummaries();
  return {
    ...base,
    id: over.label ?? 'id',
    label: 'key',
    account: undefined,
    platforms: [],
    tags: [],
    notes: '',
    status: 'never_checked',
    expiring_soon: false,
    verdict: undefined,
    verdicts: [],
    ...over,
  };
}

const keys = [
  key({
    label: 'Grid bot',
    exchange: 'binance',
    exchange_name: 'Binance',
    platforms: ['bitsgap'],
    tags: ['grid'],
    status: 'ok',
  }),
  key({
    label: 'Portfolio',
    exchange: 'kraken',
    exchange_name: 'Kraken',
    platforms: ['rotki'],
    account: 'Épargne',
    notes: 'no withdrawal, read only',
    status: 'failed',
  }),
  key({
    label: 'Futures',
    exchange: 'okx',
    exchange_name: 'OKX',
    platforms: ['bitsgap', '3commas'],
    expiring_soon: true,
  }),
];
const labels = (f: Partial<KeyFilter>) => filterKeys(keys, { ...emptyFilter(), ...f }).map((k) => k.label);

describe('inventory filter', () => {
  it('shows every key when nothing is set', () => {
    expect(labels({})).toEqual(['Grid bot', 'Portfolio', 'Futures']);
  });

  it('searches label, exchange name, platform, tag and account', () => {
    expect(labels({ query: 'grid' })).toEqual(['Grid bot']);
    expect(labels({ query: 'kraken' })).toEqual(['Portfolio']);
    expect(labels({ query: '3commas' })).toEqual(['Futures']);
    expect(labels({ query: 'bitsgap' })).toEqual(['Grid bot', 'Futures']);
  });

  it('ignores case and accents', () => {
    expect(labels({ query: 'EPARGNE' })).toEqual(['Portfolio']);
  });

  it('requires every word of the query to match', () => {
    expect(labels({ query: 'bitsgap okx' })).toEqual(['Futures']);
    expect(labels({ query: 'bitsgap kraken' })).toEqual([]);
  });

  it('searches the notes', () => {
    expect(labels({ query: 'withdrawal' })).toEqual(['Portfolio']);
  });

  it('filters by exchange, platform and status together with the search', () => {
    expect(labels({ exchange: 'okx' })).toEqual(['Futures']);
    expect(labels({ platform: 'bitsgap' })).toEqual(['Grid bot', 'Futures']);
    expect(labels({ platform: 'bitsgap', query: 'grid' })).toEqual(['Grid bot']);
    expect(labels({ status: 'failed' })).toEqual(['Portfolio']);
    expect(labels({ status: 'never_checked' })).toEqual(['Futures']);
    expect(labels({ status: 'expiring' })).toEqual(['Futures']);
  });

  it('offers only the exchanges and platforms present, sorted', () => {
    const opts = filterOptions(keys);
    expect(opts.exchanges.map((e) => e.name)).toEqual(['Binance', 'Kraken', 'OKX']);
    expect(opts.platforms).toEqual(['3commas', 'bitsgap', 'rotki']);
  });
});

describe('sorting by deadline', () => {
  const at = (days: number) => new Date(Date.UTC(2026, 11, 1 + days)).toISOString();
  const dated = (label: string, days: number | null): KeySummary => {
    const [base] = keySummaries();
    return {
      ...base,
      id: label,
      label,
      deadline:
        days === null
          ? undefined
          : { at: at(days), kind: 'reported', effect: 'key_expires', days, warning: 'none', confirmed: true },
    };
  };
  const vault = [dated('a-none', null), dated('b-far', 60), dated('c-soon', 3), dated('d-mid', 20)];

  it('puts the nearest deadline first and keys without one last', () => {
    const sorted = filterKeys(vault, { ...emptyFilter(), sort: 'deadline' });
    expect(sorted.map((k) => k.label)).toEqual(['c-soon', 'd-mid', 'b-far', 'a-none']);
  });

  it('keeps the vault order otherwise, and filters keys that have a deadline', () => {
    expect(filterKeys(vault, emptyFilter()).map((k) => k.label)).toEqual(vault.map((k) => k.label));
    const withDeadline = filterKeys(vault, { ...emptyFilter(), status: 'deadline' });
    expect(withDeadline.map((k) => k.label)).toEqual(['b-far', 'c-soon', 'd-mid']);
  });
});

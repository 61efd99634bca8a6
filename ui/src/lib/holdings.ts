// The inventory's totals per exchange: each key's holdings at its last successful check
// (`KeySummary.holdings`, valued by Rust at the exchange's own prices), added per exchange and
// quote. Keys are what Coffre knows, not accounts: two keys of one account count it twice, which
// the screen says rather than guess which keys share an account.
import { sumDecimals } from './money';
import type { KeySummary } from './types';

export type ExchangeHoldings = {
  exchange: string;
  exchange_name: string;
  quote: string;
  /** Sum of the totals of the keys whose prices were read (decimal string). */
  total: string;
  /** Keys counted here (every key of the exchange with holdings). */
  keys: number;
  /** Assets some key holds that have no market against the quote, sorted. */
  unpriced: string[];
  /** Keys whose check read balances but not the prices: nothing of theirs is in `total`. */
  prices_unavailable: number;
  /** The oldest check counted: the total is no fresher than this. */
  oldest: string;
};

export type HoldingsSummary = {
  /** Largest total first. */
  exchanges: ExchangeHoldings[];
  /** Grand total per quote currency (USDT and USD are never added together). */
  quotes: { quote: string; total: string }[];
  /** Keys with no holdings: never checked, or never read. */
  not_read: number;
};

/** Orders decimal strings by value; a float is enough to sort totals, never to show them. */
const byTotal = (a: { total: string }, b: { total: string }) => Number(b.total) - Number(a.total);

export function holdingsByExchange(keys: KeySummary[]): HoldingsSummary {
  const groups = new Map<string, { head: Omit<ExchangeHoldings, 'total'>; totals: string[]; unpriced: Set<string> }>();
  let notRead = 0;
  for (const key of keys) {
    const h = key.holdings;
    if (!h) {
      notRead += 1;
      continue;
    }
    const id = `${key.exchange}|${h.quote}`;
    let group = groups.get(id);
    if (!group) {
      group = {
        head: {
          exchange: key.exchange,
          exchange_name: key.exchange_name,
          quote: h.quote,
          keys: 0,
          unpriced: [],
          prices_unavailable: 0,
          oldest: h.checked_at,
        },
        totals: [],
        unpriced: new Set(),
      };
      groups.set(id, group);
    }
    group.head.keys += 1;
    if (Date.parse(h.checked_at) < Date.parse(group.head.oldest)) group.head.oldest = h.checked_at;
    if (h.prices_read) {
      group.totals.push(h.total);
      for (const asset of h.unpriced) group.unpriced.add(asset);
    } else {
      group.head.prices_unavailable += 1;
    }
  }
  const exchanges = [...groups.values()]
    .map((g) => ({ ...g.head, total: sumDecimals(g.totals), unpriced: [...g.unpriced].sort() }))
    .sort((a, b) => byTotal(a, b) || a.exchange_name.localeCompare(b.exchange_name));
  const quotes = [...new Set(exchanges.map((e) => e.quote))]
    .map((quote) => ({ quote, total: sumDecimals(exchanges.filter((e) => e.quote === quote).map((e) => e.total)) }))
    .sort(byTotal);
  return { exchanges, quotes, not_read: notRead };
}

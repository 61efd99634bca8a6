// Master-password strength with zxcvbn-ts: common passwords, names and words in English and French,
// plus what a trader is likely to build a password from (exchange, platform and coin names). Without
// those, "Binance2024!" looked like random letters and was rated very strong.
// The dictionaries weigh about 2 MB, so they load on demand, only on the screens that set a password.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as api from './api';

export type Score = 0 | 1 | 2 | 3 | 4;
export type Scorer = (password: string) => Score;

/** Coffre asks for at least this score (0 = guessed at once … 4 = very hard) before accepting a password. */
export const MIN_SCORE: Score = 3;

/** Words from the trader's world that an attacker of a crypto-key vault tries first. The catalog's
 * exchange and platform names are added to these when the catalog answers. */
export const CRYPTO_WORDS: readonly string[] = [
  'bitcoin',
  'btc',
  'satoshi',
  'nakamoto',
  'ethereum',
  'eth',
  'ether',
  'vitalik',
  'solana',
  'sol',
  'cardano',
  'ripple',
  'xrp',
  'dogecoin',
  'doge',
  'shiba',
  'litecoin',
  'tether',
  'usdt',
  'usdc',
  'bnb',
  'crypto',
  'cryptocurrency',
  'blockchain',
  'coin',
  'token',
  'wallet',
  'ledger',
  'trezor',
  'metamask',
  'hodl',
  'moon',
  'lambo',
  'whale',
  'bull',
  'bear',
  'pump',
  'trader',
  'trading',
  'exchange',
  'apikey',
  'secret',
  'coffre',
  'vault',
  'binance',
  'okx',
  'bybit',
  'kraken',
  'coinbase',
  'kucoin',
  'bitget',
  'gate',
  'mexc',
  'huobi',
  'htx',
  'whitebit',
  'bitfinex',
  'bitstamp',
  'gemini',
  'freqtrade',
  'ccxt',
  '3commas',
  'bitsgap',
  'cryptohopper',
  'pionex',
];

// Both packs name their lists alike (commonWords, firstnames…); prefix them so neither hides the other.
function prefixed(lang: string, dict: Record<string, unknown>): Record<string, never> {
  return Object.fromEntries(Object.entries(dict).map(([k, v]) => [`${lang}-${k}`, v])) as Record<string, never>;
}

/** Each name as typed and without spaces or dots ("Crypto.com" → "cryptocom"), lower-case. */
export function nameWords(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase().trim();
    if (lower === '') continue;
    out.add(lower);
    out.add(lower.replace(/[^\p{L}\p{N}]+/gu, ''));
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) out.add(part);
  }
  return [...out].filter(Boolean);
}

/** Exchange and platform names from the catalog; none if it is not reachable (the list above stays). */
async function catalogNames(): Promise<string[]> {
  try {
    const [exchanges, platforms] = await Promise.all([api.catalogExchanges(), api.catalogPlatforms()]);
    const names = [...(Array.isArray(exchanges) ? exchanges : []), ...(Array.isArray(platforms) ? platforms : [])]
      .flatMap((x) => [x.id, x.name])
      .filter((x): x is string => typeof x === 'string');
    return nameWords(names);
  } catch {
    return [];
  }
}

let loading: Promise<Scorer> | null = null;

export function loadScorer(): Promise<Scorer> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, fr, names] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-fr'),
      catalogNames(),
    ]);
    const crypto = [...new Set([...CRYPTO_WORDS, ...names])];
    const engine: ZxcvbnFactory = new ZxcvbnFactory({
      dictionary: {
        ...common.dictionary,
        ...prefixed('en', en.dictionary),
        ...prefixed('fr', fr.dictionary),
        // Ranked first in their own list: as cheap to guess as the most common passwords.
        crypto,
      },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    // zxcvbn's cost grows with length; past 128 characters a password is strong anyway.
    // The words also go in as user inputs, which zxcvbn weighs even lower than its dictionaries.
    return (password: string) =>
      password.length === 0 ? 0 : (engine.check(password.slice(0, 128), crypto).score as Score);
  })();
  return loading;
}

// Master-password strength with zxcvbn-ts: common passwords, names and words in English and French.
// The dictionaries weigh about 2 MB, so they load on demand, only on the screens that set a password.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export type Score = 0 | 1 | 2 | 3 | 4;
export type Scorer = (password: string) => Score;

/** Coffre asks for at least this score (0 = guessed at once … 4 = very hard) before accepting a password. */
export const MIN_SCORE: Score = 3;

// Both packs name their lists alike (commonWords, firstnames…); prefix them so neither hides the other.
function prefixed(lang: string, dict: Record<string, unknown>): Record<string, never> {
  return Object.fromEntries(Object.entries(dict).map(([k, v]) => [`${lang}-${k}`, v])) as Record<string, never>;
}

let loading: Promise<Scorer> | null = null;

export function loadScorer(): Promise<Scorer> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, fr] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    const engine: ZxcvbnFactory = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...prefixed('en', en.dictionary), ...prefixed('fr', fr.dictionary) },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    // zxcvbn's cost grows with length; past 128 characters a password is strong anyway.
    return (password: string) => (password.length === 0 ? 0 : (engine.check(password.slice(0, 128)).score as Score));
  })();
  return loading;
}

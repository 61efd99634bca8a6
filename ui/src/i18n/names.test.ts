// Issue 14: "Other exchange" showed in English in French and Vietnamese. A key's exchange name is a
// brand (kept), the user's own name for an "other" exchange (kept), or the catalog's description
// (translated); format hints come from the catalog in the UI language.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { tick } from 'svelte';
import KeyRow from '../components/KeyRow.svelte';
import { keySummaries } from '../fixtures';
import { formatHint, keyExchangeName } from './names';
import { _ } from 'svelte-i18n';
import { get } from 'svelte/store';
import type { KeySummary } from '../lib/types';

const binance = keySummaries()[0];
const other = (exchange_name: string): KeySummary => ({ ...binance, id: 'o1', exchange: 'other', exchange_name });

afterEach(() => locale.set('en'));

describe('exchange names in the UI language', () => {
  for (const [lang, name] of [
    ['fr', 'Autre exchange'],
    ['vi', 'Sàn khác'],
    ['en', 'Other exchange'],
  ] as const) {
    it(`a key on an unnamed other exchange says "${name}" in ${lang}, in its row and on its mark`, async () => {
      locale.set(lang);
      await tick();
      render(KeyRow, { key: other('Other exchange'), onopen: () => {} });
      expect(screen.getByTestId('key-exchange')).toHaveTextContent(name);
      expect(screen.getByTestId('exchange-mark')).toHaveAttribute('aria-label', name);
      expect(screen.getByTestId('key-row')).not.toHaveTextContent(lang === 'en' ? 'Autre' : 'Other exchange');
    });
  }

  it('keeps brands and the name the user gave an other exchange', async () => {
    locale.set('fr');
    await tick();
    const t = get(_);
    expect(keyExchangeName(t, binance)).toBe('Binance');
    expect(keyExchangeName(t, other('MEXC'))).toBe('MEXC');
    expect(keyExchangeName(t, other(''))).toBe('Autre exchange');
    expect(keyExchangeName(t, { exchange: 'acme', exchange_name: 'acme' })).toBe('acme');
  });

  it('gives the format hint in the UI language, English only in English', async () => {
    for (const [lang, hint] of [
      ['en', '64 characters, letters and digits only'],
      ['fr', '64 caractères, lettres et chiffres uniquement'],
      ['vi', '64 ký tự, chỉ gồm chữ cái và chữ số'],
    ] as const) {
      locale.set(lang);
      await tick();
      expect(formatHint(get(_), 'binance', 'api_key')).toBe(hint);
    }
    expect(formatHint(get(_), 'other', 'secret', '')).toBe('');
  });
});

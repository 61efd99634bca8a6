// The totals come added up from Rust (coffre_core::holdings, tested there); these tests check how
// they are written and shown: the fixture vault's summary, the amounts in each language, what is
// said of keys not counted, and how the detail opens and closes.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { tick } from 'svelte';
import Holdings from './Holdings.svelte';
import { holdingsSummary } from '../fixtures';
import type { ExchangeHoldings, HoldingsSummary } from '../lib/types';

const NARROW_NBSP = '\u202f';

function exchange(id: string, name: string, more: Partial<ExchangeHoldings> = {}): ExchangeHoldings {
  return {
    exchange: id,
    exchange_name: name,
    quote: 'USDT',
    total: '0',
    keys: 1,
    unpriced: [],
    prices_unavailable: 0,
    oldest: '2026-11-21T09:00:00Z',
    ...more,
  };
}

function summary(exchanges: ExchangeHoldings[], notRead = 0): HoldingsSummary {
  const quotes = [...new Set(exchanges.map((e) => e.quote))].map((quote) => ({
    quote,
    total: exchanges.find((e) => e.quote === quote)?.total ?? '0',
  }));
  return { exchanges, quotes, not_read: notRead };
}

const exchangeRow = (id: string) =>
  screen.getAllByTestId('holdings-exchange').find((r) => r.dataset.exchange === id) as HTMLElement;

async function openDetail() {
  await fireEvent.click(screen.getByTestId('holdings-open'));
}

describe('Holdings', () => {
  it('shows the fixture vault’s totals per exchange, counting apart the keys never read', async () => {
    // Valued and added by the Rust code (tests/ipc/contract.rs): Binance grid bot 50,050.62 USDT,
    // Binance old DCA bot's check read no prices, Bybit 50,050.62 USDT and 1,000 XYZ with no
    // market; the OKX key was refused and the Kraken one never checked.
    render(Holdings, { summary: holdingsSummary() });
    expect(screen.getByTestId('holdings-total')).toHaveTextContent('≈ 100,101.24 USDT');
    await openDetail();
    expect(exchangeRow('binance')).toHaveTextContent('Binance ≈ 50,050.62 USDT · 2 keys · as of Oct 7, 2026');
    expect(exchangeRow('binance')).toHaveTextContent('prices unavailable for 1 key');
    expect(exchangeRow('bybit')).toHaveTextContent('≈ 50,050.62 USDT · 1 key · as of Nov 21, 2026');
    expect(exchangeRow('bybit')).toHaveTextContent('not priced: XYZ');
    expect(screen.getByTestId('holdings-not-read')).toHaveTextContent('2 keys not counted');
    // Two keys may be one account: said, not hidden.
    expect(screen.getByTestId('holdings-same-account')).toHaveTextContent('count that account twice');
  });

  it('writes each quote apart and every exchange in Rust’s order', async () => {
    render(Holdings, {
      summary: {
        exchanges: [
          exchange('binance', 'Binance', { total: '12345.67', keys: 2, oldest: '2026-10-07T09:00:00Z' }),
          exchange('bybit', 'Bybit', { total: '1550.37' }),
          exchange('kraken', 'Kraken', { quote: 'USD', total: '800' }),
        ],
        quotes: [
          { quote: 'USDT', total: '13896.04' },
          { quote: 'USD', total: '800' },
        ],
        not_read: 0,
      },
    });
    // USDT and USD are never added together.
    expect(screen.getByTestId('holdings-total')).toHaveTextContent('≈ 13,896.04 USDT + 800.00 USD');
    await openDetail();
    expect(screen.getAllByTestId('holdings-exchange').map((r) => r.dataset.exchange)).toEqual([
      'binance',
      'bybit',
      'kraken',
    ]);
    expect(exchangeRow('binance')).toHaveTextContent('≈ 12,345.67 USDT · 2 keys · as of Oct 7, 2026');
    expect(exchangeRow('kraken')).toHaveTextContent('≈ 800.00 USD');
    expect(screen.queryByTestId('holdings-not-read')).toBeNull();
  });

  it('says what is not priced and which keys are not counted', async () => {
    render(Holdings, { summary: summary([exchange('bybit', 'Bybit', { total: '100', unpriced: ['XYZ'] })], 2) });
    await openDetail();
    expect(exchangeRow('bybit')).toHaveTextContent('≈ 100.00 USDT');
    expect(screen.getByTestId('holdings-not-priced')).toHaveTextContent('not priced: XYZ');
    expect(screen.getByTestId('holdings-not-read')).toHaveTextContent('2 keys not counted: no balance read yet');
    // One key per exchange: nothing is counted twice.
    expect(screen.queryByTestId('holdings-same-account')).toBeNull();
  });

  it('shows no total for an exchange whose prices were not read, rather than a false 0.00', async () => {
    render(Holdings, {
      summary: summary([
        exchange('binance', 'Binance', { total: '500', keys: 2, prices_unavailable: 1 }),
        exchange('gate', 'Gate', { prices_unavailable: 1 }),
      ]),
    });
    await openDetail();
    expect(exchangeRow('binance')).toHaveTextContent('≈ 500.00 USDT');
    expect(exchangeRow('binance').querySelector('[data-testid="holdings-prices-unavailable"]')).toHaveTextContent(
      'prices unavailable for 1 key',
    );
    expect(exchangeRow('gate').querySelector('[data-testid="holdings-exchange-total"]')).toBeNull();
    expect(exchangeRow('gate')).not.toHaveTextContent('not priced');
  });

  it('shows nothing when no key was ever read', () => {
    render(Holdings, { summary: summary([], 1) });
    expect(screen.queryByTestId('holdings')).toBeNull();
  });

  it('opens over the list and closes on Escape, back on its button', async () => {
    render(Holdings, { summary: summary([exchange('binance', 'Binance', { total: '1' })]) });
    const toggle = screen.getByTestId('holdings-open');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await openDetail();
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await fireEvent.keyDown(screen.getByTestId('holdings-detail'), { key: 'Escape' });
    expect(screen.queryByTestId('holdings-detail')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('closes when the pointer goes down elsewhere', async () => {
    render(Holdings, { summary: summary([exchange('binance', 'Binance', { total: '1' })]) });
    await openDetail();
    await fireEvent.pointerDown(document.body);
    expect(screen.queryByTestId('holdings-detail')).toBeNull();
  });

  it('writes French amounts with narrow no-break spaces and Vietnamese ones with dots', async () => {
    const totals = summary([exchange('binance', 'Binance', { total: '12345.67' })]);
    locale.set('fr');
    const { unmount } = render(Holdings, { summary: totals });
    await tick();
    expect(screen.getByTestId('holdings-total').textContent).toBe(`≈ 12${NARROW_NBSP}345,67\u00a0USDT`);
    await openDetail();
    expect(exchangeRow('binance')).toHaveTextContent('1 clé');
    unmount();
    locale.set('vi');
    render(Holdings, { summary: totals });
    await tick();
    expect(screen.getByTestId('holdings-total').textContent).toBe('≈ 12.345,67\u00a0USDT');
  });
});

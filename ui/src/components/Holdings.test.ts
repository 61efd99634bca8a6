import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { tick } from 'svelte';
import Holdings from './Holdings.svelte';
import { keySummaries } from '../fixtures';
import type { HoldingsValue, KeySummary } from '../lib/types';

const [base] = keySummaries();

const NARROW_NBSP = '\u202f';

function key(n: number, exchange: string, name: string, holdings?: Partial<HoldingsValue>): KeySummary {
  return {
    ...base,
    id: `key-${n}`,
    label: `${name} ${n}`,
    exchange,
    exchange_name: name,
    holdings: holdings && {
      quote: 'USDT',
      total: '0',
      unpriced: [],
      prices_read: true,
      checked_at: '2026-11-21T09:00:00Z',
      ...holdings,
    },
  };
}

const exchangeRow = (exchange: string) =>
  screen.getAllByTestId('holdings-exchange').find((r) => r.dataset.exchange === exchange) as HTMLElement;

async function openDetail() {
  await fireEvent.click(screen.getByTestId('holdings-open'));
}

describe('Holdings', () => {
  it('totals the fixture vault per exchange, counting apart the keys never read', async () => {
    // Valued by the Rust code (tests/ipc/contract.rs): Binance grid bot 50,050.62 USDT, Binance old
    // DCA bot's check read no prices, Bybit 50,050.62 USDT and 1,000 XYZ with no market; the OKX
    // key was refused and the Kraken one never checked.
    render(Holdings, { keys: keySummaries() });
    expect(screen.getByTestId('holdings-total')).toHaveTextContent('≈ 100,101.24 USDT');
    await openDetail();
    expect(exchangeRow('binance')).toHaveTextContent('Binance ≈ 50,050.62 USDT · 2 keys · as of Oct 7, 2026');
    expect(exchangeRow('binance')).toHaveTextContent('prices unavailable for 1 key');
    expect(exchangeRow('bybit')).toHaveTextContent('≈ 50,050.62 USDT · 1 key · as of Nov 21, 2026');
    expect(exchangeRow('bybit')).toHaveTextContent('not priced: XYZ');
    expect(screen.getByTestId('holdings-not-read')).toHaveTextContent('2 keys not counted');
    expect(screen.getByTestId('holdings-same-account')).toBeInTheDocument();
  });

  it('adds each exchange’s keys in its quote, largest first, with the oldest check counted', async () => {
    render(Holdings, {
      keys: [
        key(1, 'binance', 'Binance', { total: '12000.10', checked_at: '2026-11-21T09:00:00Z' }),
        key(2, 'binance', 'Binance', { total: '345.57', checked_at: '2026-10-07T09:00:00Z' }),
        key(3, 'kraken', 'Kraken', { quote: 'USD', total: '800' }),
        key(4, 'bybit', 'Bybit', { total: '1550.37' }),
      ],
    });
    // USDT of Binance and Bybit add up; Kraken's USD stays apart.
    expect(screen.getByTestId('holdings-total')).toHaveTextContent('≈ 13,896.04 USDT + 800.00 USD');
    await openDetail();
    const rows = screen.getAllByTestId('holdings-exchange');
    expect(rows.map((r) => r.dataset.exchange)).toEqual(['binance', 'bybit', 'kraken']);
    expect(exchangeRow('binance')).toHaveTextContent('≈ 12,345.67 USDT');
    expect(exchangeRow('binance')).toHaveTextContent('2 keys');
    expect(exchangeRow('binance')).toHaveTextContent('as of Oct 7, 2026');
    expect(exchangeRow('kraken')).toHaveTextContent('≈ 800.00 USD');
    // Two keys may be one account: said, not hidden.
    expect(screen.getByTestId('holdings-same-account')).toHaveTextContent('count that account twice');
    expect(screen.queryByTestId('holdings-not-read')).toBeNull();
  });

  it('counts the keys never read apart and names what is not priced', async () => {
    render(Holdings, {
      keys: [
        key(1, 'bybit', 'Bybit', { total: '100', unpriced: ['XYZ'] }),
        key(2, 'okx', 'OKX'),
        key(3, 'kraken', 'Kraken'),
      ],
    });
    await openDetail();
    expect(exchangeRow('bybit')).toHaveTextContent('≈ 100.00 USDT');
    expect(screen.getByTestId('holdings-not-priced')).toHaveTextContent('not priced: XYZ');
    expect(screen.getByTestId('holdings-not-read')).toHaveTextContent('2 keys not counted: no balance read yet');
    // One key per exchange: nothing is counted twice.
    expect(screen.queryByTestId('holdings-same-account')).toBeNull();
    expect(screen.getAllByTestId('holdings-exchange')).toHaveLength(1);
  });

  it('leaves out of the total a key whose prices were not read, and says so', async () => {
    render(Holdings, {
      keys: [
        key(1, 'binance', 'Binance', { total: '500' }),
        key(2, 'binance', 'Binance', { total: '0', prices_read: false, unpriced: ['BTC', 'USDT'] }),
        key(3, 'gate', 'Gate', { total: '0', prices_read: false, unpriced: ['BTC'] }),
      ],
    });
    expect(screen.getByTestId('holdings-total')).toHaveTextContent('≈ 500.00 USDT');
    await openDetail();
    expect(exchangeRow('binance')).toHaveTextContent('≈ 500.00 USDT');
    expect(exchangeRow('binance').querySelector('[data-testid="holdings-prices-unavailable"]')).toHaveTextContent(
      'prices unavailable for 1 key',
    );
    // No total at all rather than a false "0.00".
    expect(exchangeRow('gate').querySelector('[data-testid="holdings-exchange-total"]')).toBeNull();
    expect(exchangeRow('gate')).not.toHaveTextContent('not priced');
  });

  it('shows nothing when no key was ever read', () => {
    render(Holdings, { keys: [key(1, 'okx', 'OKX')] });
    expect(screen.queryByTestId('holdings')).toBeNull();
  });

  it('opens over the list and closes on Escape, back on its button', async () => {
    render(Holdings, { keys: [key(1, 'binance', 'Binance', { total: '1' })] });
    const toggle = screen.getByTestId('holdings-open');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await openDetail();
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await fireEvent.keyDown(screen.getByTestId('holdings-detail'), { key: 'Escape' });
    expect(screen.queryByTestId('holdings-detail')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('closes when the pointer goes down elsewhere', async () => {
    render(Holdings, { keys: [key(1, 'binance', 'Binance', { total: '1' })] });
    await openDetail();
    await fireEvent.pointerDown(document.body);
    expect(screen.queryByTestId('holdings-detail')).toBeNull();
  });

  it('writes French amounts with narrow no-break spaces and Vietnamese ones with dots', async () => {
    const keys = [key(1, 'binance', 'Binance', { total: '12345.67' })];
    locale.set('fr');
    const { unmount } = render(Holdings, { keys });
    await tick();
    expect(screen.getByTestId('holdings-total').textContent).toBe(`≈ 12${NARROW_NBSP}345,67\u00a0USDT`);
    await openDetail();
    expect(exchangeRow('binance')).toHaveTextContent('1 clé');
    unmount();
    locale.set('vi');
    render(Holdings, { keys });
    await tick();
    expect(screen.getByTestId('holdings-total').textContent).toBe('≈ 12.345,67\u00a0USDT');
  });
});

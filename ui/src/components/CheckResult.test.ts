import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { tick } from 'svelte';
import CheckResult from './CheckResult.svelte';
import { checkReports } from '../fixtures';
import type { CheckReport } from '../lib/types';

const reports = checkReports();
// A failed check learns nothing of the key: every permission is "not reported".
const unknown = reports.invalid_key.permissions;

const report = (over: Partial<CheckReport>): CheckReport => ({ ...reports.ok, permissions: unknown, ...over });

describe('CheckResult', () => {
  it('tells known permissions from ones the exchange does not report', () => {
    render(CheckResult, {
      report: report({ permissions: { ...unknown, read: 'yes', withdraw: 'no' } }),
    });
    expect(screen.getByTestId('permission-read')).toHaveTextContent('Yes');
    expect(screen.getByTestId('permission-withdraw')).toHaveTextContent('No');
    expect(screen.getByTestId('permission-futures')).toHaveTextContent('Not reported');
    expect(screen.queryByTestId('withdraw-warning')).toBeNull();
  });

  it('warns when a key can withdraw funds', () => {
    render(CheckResult, { report: report({ permissions: { ...unknown, withdraw: 'yes' } }) });
    expect(screen.getByTestId('withdraw-warning')).toHaveTextContent('turn withdrawals off');
  });

  it('explains a failure in plain words from the diagnosis kind', () => {
    // The computer's clock 2500 ms behind Binance's.
    render(CheckResult, { report: reports.clock_skew });
    expect(screen.getByTestId('check-outcome')).toHaveTextContent('does not work');
    // The catalog's sentence, naming the exchange.
    expect(screen.getByTestId('diagnosis')).toHaveTextContent("2.5 s behind Binance's");
  });

  // Issue 14: an unreachable exchange read as "The key does not work", in red.
  it('says "couldn\'t check" with its cause when the exchange was not reached, keeping the last known permissions', () => {
    const known = report({ permissions: { ...unknown, read: 'yes', withdraw: 'no' } });
    render(CheckResult, { report: reports.exchange_unavailable, known });
    const result = screen.getByTestId('check-result');
    expect(result.dataset.state).toBe('unreachable');
    expect(screen.getByTestId('check-outcome')).toHaveTextContent("Couldn't check");
    expect(screen.getByTestId('check-outcome')).not.toHaveTextContent('does not work');
    expect(screen.getByTestId('diagnosis').dataset.kind).toBe('exchange_unavailable');
    expect(screen.getByTestId('last-known')).toHaveTextContent('Last known permissions');
    expect(screen.getByTestId('permission-withdraw')).toHaveTextContent('No');
  });

  it('shows no permission table when an unreachable check has nothing known before it', () => {
    render(CheckResult, { report: reports.exchange_unavailable });
    expect(screen.getByTestId('never-read')).toHaveTextContent('never been read');
    expect(screen.queryByTestId('permission-withdraw')).toBeNull();
  });

  it('shows only non-zero balances', () => {
    // BTC 0.5 free, USDT 1250.37 + 300 locked, ETH nothing.
    render(CheckResult, { report: reports.ok });
    expect(screen.getByTestId('balance-BTC')).toHaveTextContent('0.5');
    expect(screen.queryByTestId('balance-ETH')).toBeNull();
  });
  // Issue 14: balances as a trader reads them. The fixtures are valued by the Rust code at
  // BTC 97,000.5 USDT (tests/ipc/contract.rs): 0.5 BTC + 1,550.37 USDT.
  describe('valued in the quote currency', () => {
    it('values each asset at the exchange’s prices and totals the key', () => {
      render(CheckResult, { report: reports.ok });
      expect(screen.getByTestId('value-BTC')).toHaveTextContent('48,500.25');
      expect(screen.getByTestId('value-USDT')).toHaveTextContent('1,550.37');
      expect(screen.getByTestId('value-BTC').title).toBe('Price: 1 BTC = 97,000.5\u00a0USDT');
      expect(screen.getByTestId('valuation-total')).toHaveTextContent('Total value ≈ 50,050.62 USDT');
      expect(screen.getByTestId('valued-at')).toHaveTextContent("Valued at Binance's prices when checked");
      expect(screen.queryByTestId('prices-unavailable')).toBeNull();
    });

    it('says "not priced" beside an asset the exchange has no market for, and leaves it out of the total', () => {
      render(CheckResult, { report: reports.not_priced });
      expect(screen.getByTestId('not-priced-XYZ')).toHaveTextContent('not priced');
      expect(screen.getByTestId('not-priced-XYZ').title).toContain('no XYZ/USDT market');
      expect(screen.getByTestId('balance-XYZ')).toHaveTextContent('1,000');
      expect(screen.getByTestId('valuation-total')).toHaveTextContent('≈ 50,050.62 USDT');
    });

    it('says "Prices unavailable" and shows no total when the check could not read the prices', () => {
      render(CheckResult, { report: reports.prices_unavailable });
      expect(screen.getByTestId('check-outcome')).toHaveTextContent('The key works');
      expect(screen.getByTestId('prices-unavailable')).toHaveTextContent('Prices unavailable');
      expect(screen.queryByTestId('valuation-total')).toBeNull();
      expect(screen.queryByTestId('value-BTC')).toBeNull();
      expect(screen.queryByTestId('not-priced-BTC')).toBeNull();
      // The balances themselves were read and stay.
      expect(screen.getByTestId('balance-BTC')).toHaveTextContent('0.5');
    });

    it('keeps the last known value, with its date, beside a check that did not reach the exchange', () => {
      render(CheckResult, { report: reports.exchange_unavailable, known: reports.ok });
      expect(screen.getByTestId('valuation-total')).toHaveTextContent('≈ 50,050.62 USDT');
      expect(screen.getByTestId('valued-at')).toHaveTextContent('Nov 21, 2026');
    });

    it('shows no value for a key the exchange refused', () => {
      render(CheckResult, { report: reports.invalid_key });
      expect(screen.queryByTestId('valuation-total')).toBeNull();
      expect(screen.queryByTestId('prices-unavailable')).toBeNull();
    });

    it('writes amounts the French way: narrow no-break spaces between thousands, a decimal comma', async () => {
      locale.set('fr');
      render(CheckResult, { report: reports.ok });
      await tick();
      expect(screen.getByTestId('valuation-total').textContent?.trim()).toBe(
        'Valeur totale ≈ 50\u202f050,62\u00a0USDT',
      );
      // Not toHaveTextContent: it reads every space as a plain one.
      expect(screen.getByTestId('balance-USDT').textContent).toContain('1\u202f250,37');
      expect(screen.getByTestId('valued-at')).toHaveTextContent('Valeurs aux prix de Binance');
    });

    it('writes amounts the Vietnamese way: dots between thousands, a decimal comma', async () => {
      locale.set('vi');
      render(CheckResult, { report: reports.ok });
      await tick();
      expect(screen.getByTestId('valuation-total').textContent?.trim()).toBe('Tổng giá trị ≈ 50.050,62\u00a0USDT');
      expect(screen.getByTestId('value-BTC')).toHaveTextContent('48.500,25');
    });
  });
});

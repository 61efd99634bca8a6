import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
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
});

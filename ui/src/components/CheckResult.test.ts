import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import CheckResult from './CheckResult.svelte';
import type { CheckReport, Permissions } from '../lib/types';

const unknown: Permissions = {
  read: 'not_reported',
  spot_trade: 'not_reported',
  margin: 'not_reported',
  futures: 'not_reported',
  withdraw: 'not_reported',
  internal_transfer: 'not_reported',
  ip_restricted: 'not_reported',
};

const report = (over: Partial<CheckReport>): CheckReport => ({
  exchange: 'binance',
  checked_at: '2026-11-21T10:00:00Z',
  ok: true,
  balances: [],
  permissions: unknown,
  ...over,
});

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
    render(CheckResult, {
      report: report({
        ok: false,
        diagnosis: { kind: 'clock_skew', offset_ms: -2500, message: 'Clock is off by 2.5 s' },
      }),
    });
    expect(screen.getByTestId('check-outcome')).toHaveTextContent('does not work');
    expect(screen.getByTestId('diagnosis')).toHaveTextContent('2.5 s behind the exchange’s');
  });

  it('shows only non-zero balances', () => {
    render(CheckResult, {
      report: report({
        balances: [
          { asset: 'BTC', free: '0.5', locked: '0' },
          { asset: 'ETH', free: '0', locked: '0' },
        ],
      }),
    });
    expect(screen.getByTestId('balance-BTC')).toHaveTextContent('0.5');
    expect(screen.queryByTestId('balance-ETH')).toBeNull();
  });
});

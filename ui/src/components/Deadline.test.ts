// One expiry truth (issue 14): the deadline the core computes reads the same in the key's row, its
// About card, the reminder banner and the safety overview.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import DeadlineText from './DeadlineText.svelte';
import KeyRow from './KeyRow.svelte';
import RegionFound from './RegionFound.svelte';
import ReminderBanner from './ReminderBanner.svelte';
import SafetyOverview from './SafetyOverview.svelte';
import { checkReports, keyByLabel, keySummaries, safetyOverview } from '../fixtures';
import type { Deadline } from '../lib/types';

const bybit = () => keyByLabel(keySummaries(), 'Bybit sub-account 2');

describe('a key deadline', () => {
  it('is the same date and source in the row, the banner and the safety overview', async () => {
    const key = bybit();
    const deadline = key.deadline;
    if (!deadline) throw new Error('the fixture key has a deadline');
    expect(deadline.kind).toBe('set_by_user');
    expect(key.expiring_soon).toBe(true);
    const expected = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(deadline.at));

    render(KeyRow, { key, onopen: () => {} });
    const badge = screen.getByTestId('key-expiring');
    expect(badge).toHaveTextContent(`Expires ${expected}`);

    const overview = safetyOverview();
    mockIPC((cmd) => (cmd === 'safety_overview' ? overview : null));
    render(ReminderBanner);
    const reminder = (await screen.findAllByTestId('reminder')).find((r) => r.dataset.id === key.id);
    expect(reminder).toHaveTextContent(`Expires ${expected}`);

    render(SafetyOverview);
    const expiring = await screen.findByTestId('safety-expiring');
    await waitFor(() => expect(expiring).toHaveTextContent(`Expires ${expected}`));
    expect(expiring).toHaveTextContent('set by you');
  });

  it('says an estimate is one, names its source and an unconfirmed rule', () => {
    const deadline: Deadline = {
      at: '2026-12-20T00:00:00Z',
      kind: 'estimated',
      effect: 'trading_removed',
      days: 9,
      warning: 'soon',
      rule: 'binance-no-ip-trading',
      source: 'Binance announcement 2021-07-08',
      confirmed: false,
      counted_from: '2026-11-20T00:00:00Z',
    };
    render(DeadlineText, { deadline });
    const text = screen.getByTestId('deadline');
    expect(text.dataset.kind).toBe('estimated');
    expect(text).toHaveTextContent('Trading removed');
    expect(screen.getByTestId('deadline-kind')).toHaveTextContent('estimated');
    expect(screen.getByTestId('deadline-unconfirmed')).toBeInTheDocument();
    expect(text).toHaveTextContent('Source: Binance announcement 2021-07-08');
  });
});

describe('a key found on another region', () => {
  it('names the region and saves its host on request', async () => {
    const report = checkReports().region_found;
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'key_save_found_host') return null;
      calls.push(args);
      return 'https://eea.okx.com';
    });
    render(RegionFound, { id: 'key-2', report, exchangeName: 'OKX' });
    expect(screen.getByTestId('region-found')).toHaveTextContent('This key belongs to OKX EEA — my.okx.com');
    await fireEvent.click(screen.getByTestId('region-save'));
    expect(await screen.findByTestId('region-saved')).toHaveTextContent('OKX EEA (my.okx.com)');
    expect(calls).toEqual([{ id: 'key-2' }]);
  });

  it('names a Binance.US key without offering to save anything', () => {
    const report = {
      ...checkReports().invalid_key,
      region: {
        name: 'Binance.US',
        url: 'https://api.binance.us',
        site: 'binance.us',
        own_exchange: 'binanceus',
        saved: false,
      },
    };
    render(RegionFound, { id: 'k', report, exchangeName: 'Binance' });
    expect(screen.getByTestId('region-own-exchange')).toHaveTextContent(
      'This is a Binance.US key (binance.us): Coffre checks Binance keys.',
    );
    expect(screen.queryByTestId('region-save')).toBeNull();
  });
});

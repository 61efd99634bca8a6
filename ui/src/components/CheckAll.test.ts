import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import CheckAll from './CheckAll.svelte';
import { session } from '../lib/session.svelte';
import type { CheckReport, KeySummary } from '../lib/types';

const key = (id: string, label: string): KeySummary => ({
  id,
  label,
  exchange: 'binance',
  exchange_name: 'Binance',
  platforms: [],
  tags: [],
  notes: '',
  api_key_hint: 'ab…yz',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  status: 'never_checked',
  expiring_soon: false,
});

const report = (ok: boolean): CheckReport => ({
  exchange: 'binance',
  checked_at: '2026-11-21T10:00:00Z',
  ok,
  balances: [],
  permissions: {
    read: 'yes',
    spot_trade: 'yes',
    margin: 'no',
    futures: 'no',
    withdraw: 'no',
    internal_transfer: 'no',
    ip_restricted: 'yes',
  },
  diagnosis: ok ? undefined : { kind: 'invalid_key', message: 'unknown key' },
});

afterEach(() => {
  session.keys = [];
});

describe('CheckAll', () => {
  it('shows each key’s progress from the events and reflects results in the inventory', async () => {
    const keys = [key('a', 'Alpha'), key('b', 'Beta')];
    session.keys = keys.map((k) => ({ ...k }));
    mockIPC((cmd) => (cmd === 'keys_list' ? keys : null), { shouldMockEvents: true });
    render(CheckAll);
    await fireEvent.click(screen.getByTestId('check-all-start'));

    const row = (label: string) =>
      screen.getAllByTestId('check-all-row').find((r) => r.dataset.label === label) as HTMLElement;
    await waitFor(() => expect(row('Alpha').dataset.state).toBe('waiting'));

    await emit('check_progress', { id: 'a', state: 'running' });
    await waitFor(() => expect(row('Alpha').dataset.state).toBe('running'));

    await emit('check_progress', { id: 'a', state: 'done', report: report(true) });
    await emit('check_progress', { id: 'b', state: 'done', report: report(false) });
    await waitFor(() => expect(row('Beta')).toHaveTextContent('does not know this API key'));
    expect(row('Alpha').dataset.ok).toBe('true');
    expect(session.keys.map((k) => k.status)).toEqual(['ok', 'failed']);
    expect(screen.getByTestId('check-all-summary')).toHaveTextContent('2 of 2 checked, 1 failed');
  });
});

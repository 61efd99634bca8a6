import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ReminderBanner from './ReminderBanner.svelte';
import { session } from '../lib/session.svelte';
import type { Reminder, SafetyOverview } from '../lib/types';

function fakeShell(reminders: Reminder[]) {
  const langs: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'safety_overview') return null;
    langs.push((args as { lang: string }).lang);
    const overview: SafetyOverview = {
      can_withdraw: [],
      no_ip_restriction: [],
      expiring_soon: [],
      shared: [],
      reminders,
    };
    return overview;
  });
  return langs;
}

afterEach(() => session.show({ name: 'list' }));

describe('ReminderBanner', () => {
  it('lists every reminder in words and opens the key when its name is clicked', async () => {
    const langs = fakeShell([
      { id: 'k4', label: 'Bybit sub-account 2', exchange: 'bybit', kind: 'expires_soon', days: 6 },
      { id: 'k9', label: 'Old key', exchange: 'okx', kind: 'expired', days: 2 },
      { id: 'k3', label: 'Kraken', exchange: 'kraken', kind: 'never_checked' },
      { id: 'k2', label: 'OKX', exchange: 'okx', kind: 'stale', days: 45 },
    ]);
    render(ReminderBanner);

    const banner = await screen.findByTestId('reminder-banner');
    expect(banner).toHaveTextContent('4 keys need your attention');
    const items = screen.getAllByTestId('reminder');
    expect(items.map((i) => i.dataset.kind)).toEqual(['expires_soon', 'expired', 'never_checked', 'stale']);
    expect(items[0]).toHaveTextContent('Bybit sub-account 2 expires in 6 days');
    expect(items[1]).toHaveTextContent('expired 2 days ago');
    expect(items[2]).toHaveTextContent('was never checked');
    expect(items[3]).toHaveTextContent('not checked for 45 days');
    expect(langs).toEqual(['en']);

    await fireEvent.click(screen.getAllByTestId('reminder-open')[0]);
    expect(session.view).toEqual({ name: 'detail', id: 'k4' });
  });

  it('shows nothing when no key needs attention', async () => {
    const langs = fakeShell([]);
    render(ReminderBanner);
    await waitFor(() => expect(langs).toHaveLength(1));
    expect(screen.queryByTestId('reminder-banner')).toBeNull();
  });

  it('sums up many unchecked keys in one line that leads to Check all', async () => {
    fakeShell([
      { id: 'k1', label: 'Bybit expiring', exchange: 'bybit', kind: 'expires_soon', days: 10 },
      ...['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, label: id, exchange: 'okx', kind: 'never_checked' as const })),
    ]);
    render(ReminderBanner);

    const banner = await screen.findByTestId('reminder-banner');
    expect(banner).toHaveTextContent('6 keys need your attention');
    expect(screen.getAllByTestId('reminder').map((i) => i.dataset.id)).toEqual(['k1']);
    expect(screen.getByTestId('reminder-group')).toHaveTextContent('5 keys were never checked');

    await fireEvent.click(screen.getByTestId('reminder-check-all'));
    expect(session.view).toEqual({ name: 'check_all' });
  });
});

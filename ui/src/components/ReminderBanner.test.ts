import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ReminderBanner from './ReminderBanner.svelte';
import { session } from '../lib/session.svelte';
import { safetyOverview } from '../fixtures';
import type { Reminder, ReminderKind, SafetyOverview } from '../lib/types';

// The fixture vault's reminders: a stale check (45 days), an expiry in 6 days, a key never checked.
const fixture = safetyOverview();
const reminder = (kind: ReminderKind): Reminder => {
  const found = fixture.reminders.find((r) => r.kind === kind);
  if (!found) throw new Error(`no ${kind} reminder in the fixtures`);
  return found;
};

function fakeShell(reminders: Reminder[]) {
  const langs: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'safety_overview') return null;
    langs.push((args as { lang: string }).lang);
    const overview: SafetyOverview = { ...fixture, reminders };
    return overview;
  });
  return langs;
}

afterEach(() => session.show({ name: 'list' }));

describe('ReminderBanner', () => {
  it('lists every reminder in words and opens the key when its name is clicked', async () => {
    const soon = reminder('expires_soon');
    // No fixture key has expired; the sentence needs `days`, which Rust does not send for `expired` yet.
    const expired: Reminder = { ...reminder('stale'), kind: 'expired', days: 2 };
    const langs = fakeShell([soon, expired, reminder('never_checked'), reminder('stale')]);
    render(ReminderBanner);

    const banner = await screen.findByTestId('reminder-banner');
    expect(banner).toHaveTextContent('4 keys need your attention');
    const items = screen.getAllByTestId('reminder');
    expect(items.map((i) => i.dataset.kind)).toEqual(['expires_soon', 'expired', 'never_checked', 'stale']);
    expect(items[0]).toHaveTextContent(`${soon.label} expires in ${soon.days} days`);
    expect(items[1]).toHaveTextContent('expired 2 days ago');
    expect(items[2]).toHaveTextContent('was never checked');
    expect(items[3]).toHaveTextContent(`not checked for ${reminder('stale').days} days`);
    expect(langs).toEqual(['en']);

    await fireEvent.click(screen.getAllByTestId('reminder-open')[0]);
    expect(session.view).toEqual({ name: 'detail', id: soon.id });
  });

  it('shows nothing when no key needs attention', async () => {
    const langs = fakeShell([]);
    render(ReminderBanner);
    await waitFor(() => expect(langs).toHaveLength(1));
    expect(screen.queryByTestId('reminder-banner')).toBeNull();
  });

  it('sums up many unchecked keys in one line that leads to Check all', async () => {
    const soon = reminder('expires_soon');
    const never = reminder('never_checked');
    fakeShell([soon, ...['a', 'b', 'c', 'd', 'e'].map((id) => ({ ...never, id, label: id }))]);
    render(ReminderBanner);

    const banner = await screen.findByTestId('reminder-banner');
    expect(banner).toHaveTextContent('6 keys need your attention');
    expect(screen.getAllByTestId('reminder').map((i) => i.dataset.id)).toEqual([soon.id]);
    expect(screen.getByTestId('reminder-group')).toHaveTextContent('5 keys were never checked');

    await fireEvent.click(screen.getByTestId('reminder-check-all'));
    expect(session.view).toEqual({ name: 'check_all' });
  });
});

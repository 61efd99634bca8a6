import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import SafetyOverview from './SafetyOverview.svelte';
import { session } from '../lib/session.svelte';
import { safetyOverview } from '../fixtures';
import type { SafetyOverview as Overview } from '../lib/types';

// The fixture vault's overview: one key can withdraw, two are shared between platforms.
const fixture = safetyOverview();

/** An overview that lists only `over`. */
const overview = (over: Partial<Overview>): Overview => ({
  can_withdraw: [],
  withdraw_unknown: [],
  no_ip_restriction: [],
  ip_unknown: [],
  expired: [],
  expiring_soon: [],
  shared: [],
  reminders: [],
  ...over,
});

afterEach(() => session.show({ name: 'list' }));

describe('SafetyOverview', () => {
  it('says no key can withdraw when that is so, and explains why shared keys are a problem', async () => {
    mockIPC(() => ({ ...fixture, can_withdraw: [], withdraw_unknown: [] }));
    render(SafetyOverview);
    expect(await screen.findByTestId('safety-withdraw-none')).toBeInTheDocument();
    const shared = screen.getByTestId('safety-shared');
    expect(shared).toHaveTextContent('nonce errors on Kraken');
    for (const key of fixture.shared) expect(shared).toHaveTextContent(key.label);
  });

  // Issue 14: "None: no key can withdraw" in green for a key whose permissions were never read.
  it('puts keys never read in a "not verified" group of their own, never "none"', async () => {
    const [unread] = fixture.shared;
    mockIPC(() => overview({ withdraw_unknown: [unread], ip_unknown: [unread] }));
    render(SafetyOverview);
    const unknown = await screen.findByTestId('safety-withdraw-unknown');
    expect(unknown).toHaveTextContent('Not verified');
    expect(unknown).toHaveTextContent(unread.label);
    expect(screen.queryByTestId('safety-withdraw-none')).toBeNull();
    expect(screen.getByTestId('safety-withdraw')).not.toHaveTextContent('None');
    expect(screen.getByTestId('safety-no-ip-unknown')).toHaveTextContent(unread.label);
    expect(screen.queryByTestId('safety-no-ip-none')).toBeNull();
  });

  it('lists the keys that can withdraw and opens one when clicked', async () => {
    const [hot] = fixture.can_withdraw;
    mockIPC(() => overview({ can_withdraw: fixture.can_withdraw }));
    render(SafetyOverview);
    const withdraw = await screen.findByTestId('safety-withdraw');
    expect(screen.queryByTestId('safety-withdraw-none')).toBeNull();
    expect(withdraw).toHaveTextContent(hot.label);
    await fireEvent.click(screen.getByTestId('safety-key'));
    expect(session.view).toEqual({ name: 'detail', id: hot.id });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import SafetyOverview from './SafetyOverview.svelte';
import { session } from '../lib/session.svelte';
import type { SafetyOverview as Overview } from '../lib/types';

const overview = (over: Partial<Overview>): Overview => ({
  can_withdraw: [],
  no_ip_restriction: [],
  expiring_soon: [],
  shared: [],
  reminders: [],
  ...over,
});

afterEach(() => session.show({ name: 'list' }));

describe('SafetyOverview', () => {
  it('says no key can withdraw when that is so, and explains why shared keys are a problem', async () => {
    mockIPC(() =>
      overview({ shared: [{ id: 'k4', label: 'Bybit 2', exchange: 'bybit', platforms: ['bitsgap', '3commas'] }] }),
    );
    render(SafetyOverview);
    expect(await screen.findByTestId('safety-withdraw-none')).toBeInTheDocument();
    const shared = screen.getByTestId('safety-shared');
    expect(shared).toHaveTextContent('nonce errors on Kraken');
    expect(shared).toHaveTextContent('Bybit 2');
  });

  it('lists the keys that can withdraw and opens one when clicked', async () => {
    mockIPC(() => overview({ can_withdraw: [{ id: 'k9', label: 'Hot key', exchange: 'okx' }] }));
    render(SafetyOverview);
    const withdraw = await screen.findByTestId('safety-withdraw');
    expect(screen.queryByTestId('safety-withdraw-none')).toBeNull();
    expect(withdraw).toHaveTextContent('Hot key');
    await fireEvent.click(screen.getByTestId('safety-key'));
    expect(session.view).toEqual({ name: 'detail', id: 'k9' });
  });
});

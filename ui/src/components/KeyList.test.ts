import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { tick } from 'svelte';
import KeyList from './KeyList.svelte';
import { session } from '../lib/session.svelte';
import { holdingsSummary, keyByLabel, keySummaries } from '../fixtures';

afterEach(() => {
  session.keys = [];
});

describe('KeyList', () => {
  it('explains what to do when the vault has no key', () => {
    session.keys = [];
    render(KeyList);
    expect(screen.getByTestId('empty-state')).toHaveTextContent('Add the API key you created on your exchange');
    expect(screen.getByTestId('empty-add-key')).toBeEnabled();
    expect(screen.getByTestId('empty-try-demo')).toBeEnabled();
    expect(screen.queryByTestId('key-row')).toBeNull();
  });

  it('narrows the rows as the user types and says when nothing matches', async () => {
    session.keys = keySummaries();
    render(KeyList);
    expect(screen.getAllByTestId('key-row')).toHaveLength(session.keys.length);

    // Only the Bybit key is for Cryptohopper.
    const bybit = keyByLabel(session.keys, 'Bybit sub-account 2');
    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'cryptohopper' } });
    expect(screen.getAllByTestId('key-row').map((r) => r.dataset.label)).toEqual([bybit.label]);

    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'kucoin' } });
    expect(screen.queryByTestId('key-row')).toBeNull();
    expect(screen.getByTestId('no-match')).toBeInTheDocument();
  });

  it('draws only the rows near the viewport of a long inventory, and search still reaches every key', async () => {
    const [base] = keySummaries();
    session.keys = Array.from({ length: 1000 }, (_, i) => ({
      ...base,
      id: String(i),
      label: `Key ${String(i).padStart(4, '0')}`,
    }));
    render(KeyList);
    const list = screen.getByTestId('key-list');
    expect(list.dataset.total).toBe('1000');
    const rows = screen.getAllByTestId('key-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0].dataset.label).toBe('Key 0000');
    // The rows not drawn still take their place, so the scrollbar is the whole list's.
    expect(parseFloat(list.style.paddingBottom)).toBeGreaterThan(800 * 40);

    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'Key 0987' } });
    expect(screen.getAllByTestId('key-row').map((r) => r.dataset.label)).toEqual(['Key 0987']);
    expect(screen.getByTestId('key-list').dataset.total).toBe('1');
  });

  it('shows Rust’s totals and asks again after a burst of row changes only once per answer', async () => {
    let asked = 0;
    let answer: (() => void) | undefined;
    mockIPC((cmd) => {
      if (cmd !== 'keys_holdings') return null;
      asked += 1;
      return new Promise((resolve) => (answer = () => resolve(holdingsSummary())));
    });
    session.keys = keySummaries();
    render(KeyList);
    await tick();
    expect(asked).toBe(1);
    // A Check all updating every row while the first answer is on its way.
    for (const key of keySummaries()) {
      session.applySummary({ ...key, label: `${key.label} (checked)` });
      await tick();
    }
    expect(asked).toBe(1);
    answer?.();
    await waitFor(() => expect(asked).toBe(2));
    answer?.();
    await waitFor(() => expect(screen.getByTestId('holdings-total')).toHaveTextContent('≈ 100,101.24 USDT'));
    expect(asked).toBe(2);
  });
});

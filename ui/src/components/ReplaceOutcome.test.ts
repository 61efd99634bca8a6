import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ReplaceOutcome from './ReplaceOutcome.svelte';
import type { ReplaceOutcome as Outcome } from '../lib/types';

const outcome: Outcome = {
  verdicts: [{ platform: 'bitsgap', platform_name: 'Bitsgap', status: 'ready', reasons: [] }],
  paste_into: [
    { id: 'bitsgap', name: 'Bitsgap' },
    { id: 'cryptohopper', name: 'Cryptohopper' },
  ],
};

describe('ReplaceOutcome', () => {
  it('lists every platform the new key must be pasted into, each with its own Send to', async () => {
    const onsend = vi.fn();
    render(ReplaceOutcome, { outcome, onsend, onclose: () => {} });
    expect(screen.getByTestId('replace-outcome')).toHaveTextContent('Paste the new key into:');
    expect(screen.getByTestId('paste-into')).toHaveTextContent('Bitsgap');
    expect(screen.getByTestId('paste-into-cryptohopper')).toHaveTextContent('Send to Cryptohopper');
    await fireEvent.click(screen.getByTestId('paste-into-cryptohopper'));
    expect(onsend).toHaveBeenCalledWith('cryptohopper');
    expect(screen.getAllByTestId('platform-verdict').map((v) => v.dataset.verdict)).toEqual(['ready']);
  });

  it('says the new key is not checked when Rust could not check it', () => {
    render(ReplaceOutcome, { outcome, onsend: () => {}, onclose: () => {} });
    expect(screen.getByTestId('replace-outcome')).toHaveTextContent('The new key could not be checked yet.');
    expect(screen.queryByTestId('check-result')).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ReplaceOutcome from './ReplaceOutcome.svelte';
import { replaceOutcome } from '../fixtures';

// The Binance grid bot key rotated: checked, ready for Bitsgap, refused by SmartradeX.
const outcome = replaceOutcome();
const [first, second] = outcome.paste_into;

describe('ReplaceOutcome', () => {
  it('lists every platform the new key must be pasted into, each with its own Send to', async () => {
    const onsend = vi.fn();
    render(ReplaceOutcome, { outcome, onsend, onclose: () => {} });
    expect(screen.getByTestId('replace-outcome')).toHaveTextContent('Paste the new key into:');
    expect(screen.getByTestId('paste-into')).toHaveTextContent(first.name);
    expect(screen.getByTestId(`paste-into-${second.id}`)).toHaveTextContent(`Send to ${second.name}`);
    await fireEvent.click(screen.getByTestId(`paste-into-${second.id}`));
    expect(onsend).toHaveBeenCalledWith(second.id);
    expect(screen.getAllByTestId('platform-verdict').map((v) => v.dataset.verdict)).toEqual(
      outcome.verdicts.map((v) => v.status),
    );
    expect(screen.getByTestId('check-result')).toBeInTheDocument();
  });

  it('says the new key is not checked when Rust could not check it', () => {
    const { report: _, ...unchecked } = outcome;
    render(ReplaceOutcome, { outcome: unchecked, onsend: () => {}, onclose: () => {} });
    expect(screen.getByTestId('replace-outcome')).toHaveTextContent('The new key could not be checked yet.');
    expect(screen.queryByTestId('check-result')).toBeNull();
  });
});

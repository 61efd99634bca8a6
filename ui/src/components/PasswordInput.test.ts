import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import FirstRun from './FirstRun.svelte';
import PasswordInput from './PasswordInput.svelte';

describe('master-password fields', () => {
  it('show and hide what was typed', async () => {
    render(PasswordInput, { autocomplete: 'new-password', testid: 'pw', value: 'secret words' });
    const input = screen.getByTestId('pw');
    expect(input).toHaveAttribute('type', 'password');
    await fireEvent.click(screen.getByTestId('pw-show'));
    expect(input).toHaveAttribute('type', 'text');
    expect(screen.getByTestId('pw-show')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('pw-show')).toHaveTextContent('Hide');
    await fireEvent.click(screen.getByTestId('pw-show'));
    expect(input).toHaveAttribute('type', 'password');
  });

  it('first run starts in the password field, and rates an exchange name with a year weak', async () => {
    mockIPC(() => null);
    render(FirstRun);
    const password = screen.getByTestId('password');
    expect(document.activeElement).toBe(password);
    const meter = screen.getByTestId('password-strength');
    // A long random passphrase first: "4" also says the dictionaries have loaded.
    await fireEvent.input(password, { target: { value: 'plume-girafe-tonnerre-pivoine-vx81' } });
    await expect.poll(() => meter.dataset.score, { timeout: 10000 }).toBe('4');
    await fireEvent.input(password, { target: { value: 'Binance2024!' } });
    expect(Number(meter.dataset.score)).toBeLessThan(3);
  });
});

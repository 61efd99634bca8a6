import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import UnlockScreen from './UnlockScreen.svelte';
import { session } from '../lib/session.svelte';
import { appStatus, settings } from '../fixtures';
import type { AppStatus } from '../lib/types';

const status = (delay: number): AppStatus => ({ ...appStatus(), unlocked: false, unlock_delay_ms: delay });

describe('UnlockScreen', () => {
  it('says the password is wrong and shows the slowdown Rust applies', async () => {
    mockIPC((cmd) => {
      if (cmd === 'vault_unlock') throw { code: 'wrong_password', message: 'wrong password' };
      if (cmd === 'app_status') return status(4000);
      return null;
    });
    session.status = status(0);
    render(UnlockScreen);
    await fireEvent.input(screen.getByTestId('password'), { target: { value: 'guess' } });
    await fireEvent.click(screen.getByTestId('unlock'));

    expect(await screen.findByTestId('unlock-error')).toHaveTextContent('Wrong password');
    expect(await screen.findByTestId('unlock-delay')).toHaveTextContent('4 seconds');
    expect(screen.getByTestId('password')).toHaveValue('');
  });

  it('disables the button and shows a spinner while Rust derives the key', async () => {
    let finish: () => void = () => {};
    mockIPC((cmd) => {
      if (cmd === 'vault_unlock') return new Promise<void>((resolve) => (finish = resolve));
      if (cmd === 'app_status') return { ...status(0), unlocked: true };
      if (cmd === 'keys_list') return [];
      if (cmd === 'settings_get') return { ...settings(), language: 'en' };
      return null;
    });
    session.status = status(0);
    render(UnlockScreen);
    await fireEvent.input(screen.getByTestId('password'), { target: { value: 'right' } });
    await fireEvent.click(screen.getByTestId('unlock'));

    await waitFor(() => expect(screen.getByTestId('unlock')).toBeDisabled());
    expect(screen.getByTestId('spinner')).toBeInTheDocument();
    finish();
    await waitFor(() => expect(session.screen).toBe('main'));
  });
});

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
    // Ready for the next try without reaching for the mouse.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('password')));
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

  it('cancels a slow unlock: back to the empty form, no error, the vault left locked', async () => {
    const calls: string[] = [];
    let reject: (err: unknown) => void = () => {};
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'vault_unlock') return new Promise<void>((_, no) => (reject = no));
      if (cmd === 'vault_unlock_cancel') {
        reject({ code: 'unlock_cancelled', message: 'the unlock was cancelled' });
        return null;
      }
      if (cmd === 'app_status') return status(0);
      return null;
    });
    session.screen = 'unlock';
    session.status = status(0);
    render(UnlockScreen);
    expect(screen.queryByTestId('unlock-cancel')).toBeNull();
    await fireEvent.input(screen.getByTestId('password'), { target: { value: 'slow one' } });
    await fireEvent.click(screen.getByTestId('unlock'));

    await fireEvent.click(await screen.findByTestId('unlock-cancel'));
    await waitFor(() => expect(screen.queryByTestId('unlock-cancel')).toBeNull());
    expect(calls).toContain('vault_unlock_cancel');
    expect(screen.getByTestId('password')).toHaveValue('');
    expect(screen.getByTestId('password')).toBeEnabled();
    expect(screen.queryByTestId('spinner')).toBeNull();
    expect(screen.queryByTestId('unlock-error')).toBeNull();
    expect(calls).not.toContain('keys_list');
    expect(session.screen).toBe('unlock');
  });

  it('warns that the vault file is older than one seen, still unlocks, and can be told it is on purpose', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'rollback_accept') return status(0);
      return null;
    });
    session.status = { ...status(0), rollback: { seen: 12, found: 5 } };
    render(UnlockScreen);

    const warning = screen.getByTestId('rollback-warning');
    expect(warning).toHaveTextContent('older than one Coffre has already opened on this computer');
    expect(warning).toHaveTextContent('change 12');
    expect(warning).toHaveTextContent('change 5');
    await fireEvent.input(screen.getByTestId('password'), { target: { value: 'right' } });
    expect(screen.getByTestId('unlock')).toBeEnabled();

    await fireEvent.click(screen.getByTestId('rollback-accept'));
    await waitFor(() => expect(screen.queryByTestId('rollback-warning')).toBeNull());
    expect(calls).toEqual(['rollback_accept']);
  });

  it('shows no rollback warning for a file as new as any seen', () => {
    mockIPC(() => null);
    session.status = status(0);
    render(UnlockScreen);
    expect(screen.queryByTestId('rollback-warning')).toBeNull();
  });
});

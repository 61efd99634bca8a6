import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import SettingsScreen from './Settings.svelte';
import { session } from '../lib/session.svelte';
import { settings } from '../fixtures';
import type { Settings } from '../lib/types';

afterEach(() => {
  session.settings = null;
});

describe('Settings', () => {
  it('saves the language and switches the interface to it', async () => {
    const saved: Settings[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'settings_set') saved.push((args as { settings: Settings }).settings);
      return cmd === 'catalog_platforms' ? [] : null;
    });
    // The defaults, a 256 MiB vault that took 1234 ms to unlock.
    session.settings = { ...settings(), language: 'en' };
    render(SettingsScreen);
    expect(screen.getByTestId('kdf-strength')).toHaveTextContent('256 MiB');
    expect(screen.getByTestId('kdf-last')).toHaveTextContent('Unlocking took 1.2 s on this computer.');

    await fireEvent.change(screen.getByTestId('language-select'), { target: { value: 'fr' } });
    await fireEvent.click(screen.getByTestId('save-settings'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ language: 'fr', auto_lock_minutes: 5 });
    await waitFor(() => expect(screen.getByTestId('save-settings')).toHaveTextContent('Enregistrer'));
    expect(document.documentElement.lang).toBe('fr');
  });

  it('turns locking on sleep and screen lock off, and says so to Rust', async () => {
    const saved: Settings[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'settings_set') saved.push((args as { settings: Settings }).settings);
      return cmd === 'catalog_platforms' ? [] : null;
    });
    session.settings = { ...settings(), language: 'en' };
    render(SettingsScreen);
    const toggle = screen.getByTestId('lock-on-sleep') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await fireEvent.click(toggle);
    await fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].lock_on_sleep).toBe(false);
  });

  it('shows one message at a time: a new mistake replaces "Settings saved."', async () => {
    mockIPC((cmd) => (cmd === 'catalog_platforms' ? [] : null));
    session.settings = { ...settings(), language: 'en' };
    render(SettingsScreen);
    await fireEvent.click(screen.getByTestId('save-settings'));
    expect(await screen.findByTestId('settings-saved')).toBeInTheDocument();

    await fireEvent.input(screen.getByTestId('auto-lock-minutes'), { target: { value: '0' } });
    expect(await screen.findByTestId('settings-invalid')).toBeInTheDocument();
    expect(screen.queryByTestId('settings-saved')).toBeNull();
    // Back to the saved values: nothing is wrong, and nothing new was saved either.
    await fireEvent.input(screen.getByTestId('auto-lock-minutes'), { target: { value: '5' } });
    await waitFor(() => expect(screen.queryByTestId('settings-invalid')).toBeNull());
  });

  it('restores by asking for the file first, then its password', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'backup_restore_pick') return 'coffre-backup-2026-11-30.coffre';
      return cmd === 'catalog_platforms' ? [] : null;
    });
    session.settings = { ...settings(), language: 'en' };
    render(SettingsScreen);
    await fireEvent.click(screen.getByTestId('backup-restore'));

    expect(await screen.findByTestId('restore-file')).toHaveTextContent('coffre-backup-2026-11-30.coffre');
    const password = screen.getByTestId('restore-password');
    expect(document.activeElement).toBe(password);
    expect(calls.map((c) => c.cmd)).toEqual(['backup_restore_pick']);
    await fireEvent.input(password, { target: { value: 'old-password' } });
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain('backup_restore'));
    expect(calls.find((c) => c.cmd === 'backup_restore')!.args).toEqual({ password: 'old-password' });
  });

  it('asks no password when the file dialog is cancelled, and opens one file dialog at a time', async () => {
    let answer: (v: string | null) => void = () => {};
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'backup_create') return new Promise((resolve) => (answer = resolve));
      if (cmd === 'backup_restore_pick') return null;
      return null;
    });
    session.settings = { ...settings(), language: 'en' };
    render(SettingsScreen);
    await fireEvent.click(screen.getByTestId('backup-create'));
    await fireEvent.click(screen.getByTestId('backup-create'));
    expect(calls.filter((c) => c === 'backup_create')).toHaveLength(1);
    answer('/home/me/coffre-backup.coffre');
    expect(await screen.findByTestId('backup-done')).toHaveTextContent('/home/me/coffre-backup.coffre');

    await fireEvent.click(screen.getByTestId('backup-restore'));
    await waitFor(() => expect(calls).toContain('backup_restore_pick'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('refuses values Rust would reject', async () => {
    mockIPC(() => null);
    const { kdf: _, ...noVault } = settings();
    session.settings = { ...noVault, language: 'en' };
    render(SettingsScreen);
    await fireEvent.input(screen.getByTestId('clipboard-clear-seconds'), { target: { value: '900' } });
    expect(screen.getByTestId('save-settings')).toBeDisabled();
    expect(screen.queryByTestId('kdf-strength')).toBeNull();
  });
});

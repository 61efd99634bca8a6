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

import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import { session } from '../lib/session.svelte';
import type { KeySummary } from '../lib/types';

const key: KeySummary = {
  id: 'k1',
  label: 'Grid bot',
  exchange: 'binance',
  exchange_name: 'Binance',
  platforms: ['bitsgap'],
  tags: [],
  notes: '',
  api_key_hint: 'ab…yz',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  status: 'ok',
  expiring_soon: false,
};

describe('App', () => {
  it('returns to the unlock screen and forgets the inventory when Rust says it locked', async () => {
    let unlocked = true;
    mockIPC(
      (cmd) => {
        switch (cmd) {
          case 'app_status':
            return { version: '0', vault_path: '/v', vault_exists: true, unlocked, demo: false, unlock_delay_ms: 0 };
          case 'keys_list':
            return [key];
          case 'key_get':
            return { ...key, notes: '', key_type: 'hmac', has_passphrase: false, history: [] };
          case 'settings_get':
            return {
              auto_lock_minutes: 5,
              clipboard_clear_seconds: 20,
              language: 'en',
              kdf: { mib: 64, passes: 3, lanes: 1 },
            };
          default:
            return null;
        }
      },
      { shouldMockEvents: true },
    );
    render(App);
    expect(await screen.findByTestId('key-row')).toHaveAttribute('data-label', 'Grid bot');

    unlocked = false;
    await emit('locked', {});

    await waitFor(() => expect(screen.getByTestId('unlock')).toBeInTheDocument());
    expect(screen.queryByTestId('key-row')).toBeNull();
    expect(session.keys).toEqual([]);
    expect(session.settings).toBeNull();
  });
});

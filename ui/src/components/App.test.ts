import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import { session } from '../lib/session.svelte';
import { appStatus, keyDetails, keySummaries, settings } from '../fixtures';

const [key] = keySummaries();
const [detail] = keyDetails();

describe('App', () => {
  it('returns to the unlock screen and forgets the inventory when Rust says it locked', async () => {
    let unlocked = true;
    mockIPC(
      (cmd) => {
        switch (cmd) {
          case 'app_status':
            return { ...appStatus(), unlocked };
          case 'keys_list':
            return [key];
          case 'key_get':
            return detail;
          case 'settings_get':
            return { ...settings(), language: 'en' };
          default:
            return null;
        }
      },
      { shouldMockEvents: true },
    );
    render(App);
    expect(await screen.findByTestId('key-row')).toHaveAttribute('data-label', key.label);

    unlocked = false;
    await emit('locked', {});

    await waitFor(() => expect(screen.getByTestId('unlock')).toBeInTheDocument());
    expect(screen.queryByTestId('key-row')).toBeNull();
    expect(session.keys).toEqual([]);
    expect(session.settings).toBeNull();
  });

  // Issue 14: leaving Check all mid-run left "Not checked" beside "Works" in the inventory.
  it('puts each Check all result in the inventory whichever page is open', async () => {
    mockIPC(
      (cmd) => {
        switch (cmd) {
          case 'app_status':
            return { ...appStatus(), unlocked: true };
          case 'keys_list':
            return [{ ...key, status: 'never_checked' }];
          case 'settings_get':
            return { ...settings(), language: 'en' };
          default:
            return null;
        }
      },
      { shouldMockEvents: true },
    );
    render(App);
    const row = await screen.findByTestId('key-row');
    expect(row.querySelector('[data-testid="key-status"]')).toHaveAttribute('data-status', 'never_checked');
    // The inventory is open, not the Check all page: Rust's run reports anyway.
    await emit('check_progress', { id: key.id, state: 'done', verdicts: [], key: { ...key, status: 'unreachable' } });
    await waitFor(() =>
      expect(screen.getByTestId('key-row').querySelector('[data-testid="key-status"]')).toHaveAttribute(
        'data-status',
        'unreachable',
      ),
    );
    expect(screen.getByTestId('key-row')).toHaveTextContent("Couldn't check");
  });

  // Issue 14: a user who chose French on an English system got an English first-run and unlock
  // screen, because the saved language was applied only once a vault was open.
  it.each([
    ['fr', 'Créer un nouveau coffre'],
    ['vi', 'Tạo kho khóa mới'],
  ] as const)('speaks the saved language (%s) before any vault is open', async (language, title) => {
    mockIPC((cmd) => {
      switch (cmd) {
        case 'app_status':
          return { ...appStatus(), unlocked: false, vault_exists: false };
        case 'settings_get':
          return { ...settings(), language };
        default:
          return null;
      }
    });
    render(App);
    expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
  });
});

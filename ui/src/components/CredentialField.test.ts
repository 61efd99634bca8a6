import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import CredentialField from './CredentialField.svelte';
import { sealForTests } from '../lib/sealed-reveal';

afterEach(() => {
  vi.useRealTimers();
});

describe('CredentialField', () => {
  it('reveals on demand and hides itself again after 30 seconds', async () => {
    vi.useFakeTimers();
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'key_reveal') return null;
      asked.push(args);
      // Rust seals the value to the page's one-time key; only this page can open it.
      return sealForTests('the-real-secret', (args as { publicKey: string }).publicKey);
    });
    render(CredentialField, { keyId: 'k1', field: 'secret', masked: '••••' });

    await fireEvent.click(screen.getByTestId('reveal-secret'));
    await vi.waitFor(() => expect(screen.getByTestId('revealed-secret')).toHaveTextContent('the-real-secret'));
    expect(asked).toEqual([{ id: 'k1', field: 'secret', publicKey: expect.stringMatching(/^[A-Za-z0-9+/]{87}=$/) }]);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(screen.queryByTestId('revealed-secret')).toBeNull();
    expect(screen.getByTestId('masked-secret')).toHaveTextContent('••••');
  });

  it('asks Rust to copy and never receives the secret for it', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { clear_after_s: 20 };
    });
    render(CredentialField, { keyId: 'k1', field: 'api_key', masked: 'ab…yz' });
    await fireEvent.click(screen.getByTestId('copy-api_key'));
    expect(calls).toEqual([['key_copy', { id: 'k1', field: 'api_key' }]]);
    expect(screen.getByTestId('masked-api_key')).toHaveTextContent('ab…yz');
  });
});

import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import ClipboardCountdown from './ClipboardCountdown.svelte';

describe('ClipboardCountdown', () => {
  it('counts down with Rust and says when the clipboard is clean again', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    render(ClipboardCountdown);
    expect(screen.queryByTestId('clipboard-countdown')).toBeNull();

    await emit('clipboard', { field: 'secret', remaining_s: 12 });
    await waitFor(() =>
      expect(screen.getByTestId('clipboard-countdown')).toHaveTextContent('Secret copied · cleared in 12 s'),
    );

    await emit('clipboard', { field: 'secret', remaining_s: 0, cleared: true });
    await waitFor(() => expect(screen.getByTestId('clipboard-countdown')).toHaveTextContent('Clipboard cleared'));
  });
});

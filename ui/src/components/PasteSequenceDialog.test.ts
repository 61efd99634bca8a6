import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import PasteSequenceDialog from './PasteSequenceDialog.svelte';
import { pasteSequence } from '../fixtures';
import type { PasteSequence } from '../lib/types';

const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP';

// The OKX key into Bitsgap: API key, secret key, passphrase.
const started = pasteSequence();
const seq = (current: number, done = false): PasteSequence => ({ ...pasteSequence(), current, done });

/** A fake shell that walks the sequence and, like Rust, also emits `paste_sequence` after each step. */
function fakeShell() {
  const calls: string[] = [];
  let current = 0;
  mockIPC(
    async (cmd) => {
      calls.push(cmd);
      switch (cmd) {
        case 'paste_sequence_start':
          current = 0;
          return seq(0);
        case 'paste_sequence_next': {
          current += 1;
          const last = started.steps.length - 1;
          const next = current > last ? seq(last, true) : seq(current);
          await emit('paste_sequence', next);
          return next;
        }
        case 'key_reveal':
          return SECRET;
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return calls;
}

const steps = () => screen.getAllByTestId('paste-step').map((s) => s.dataset.state);

describe('PasteSequenceDialog', () => {
  it('walks through the platform’s fields in order with progress, then says the clipboard is clear', async () => {
    const calls = fakeShell();
    const onclose = vi.fn();
    render(PasteSequenceDialog, { keyId: started.id, platform: started.platform, onclose });

    await waitFor(() => expect(steps()).toEqual(['current', 'pending', 'pending']));
    expect(screen.getByTestId('paste-dialog')).toHaveTextContent(`Send to ${started.platform_name}`);
    expect(screen.getByTestId('paste-progress')).toHaveTextContent('Step 1 of 3');
    expect(screen.getByTestId('paste-countdown').dataset.remaining).toBe(String(started.clear_after_s));

    await fireEvent.click(screen.getByTestId('paste-next'));
    await waitFor(() => expect(steps()).toEqual(['done', 'current', 'pending']));
    expect(screen.getByTestId('paste-progress')).toHaveTextContent('Step 2 of 3');

    await fireEvent.click(screen.getByTestId('paste-next'));
    await waitFor(() => expect(screen.getByTestId('paste-next')).toHaveTextContent('Finish'));
    await fireEvent.click(screen.getByTestId('paste-next'));

    await screen.findByTestId('paste-finished');
    expect(steps()).toEqual(['done', 'done', 'done']);
    expect(screen.queryByTestId('paste-progress')).toBeNull();
    await fireEvent.click(screen.getByTestId('paste-done'));
    expect(onclose).toHaveBeenCalled();
    expect(calls).toEqual([
      'paste_sequence_start',
      'paste_sequence_next',
      'paste_sequence_next',
      'paste_sequence_next',
    ]);
    expect(document.body).not.toHaveTextContent(SECRET);
  });

  it('follows a step that Rust announces by event', async () => {
    fakeShell();
    render(PasteSequenceDialog, { keyId: started.id, platform: started.platform, onclose: () => {} });
    await waitFor(() => expect(steps()).toEqual(['current', 'pending', 'pending']));

    await emit('paste_sequence', seq(1));
    await waitFor(() => expect(steps()).toEqual(['done', 'current', 'pending']));
  });

  it('ignores events of another sequence', async () => {
    fakeShell();
    render(PasteSequenceDialog, { keyId: started.id, platform: started.platform, onclose: () => {} });
    await waitFor(() => expect(steps()).toEqual(['current', 'pending', 'pending']));

    await emit('paste_sequence', { ...seq(2), id: 'other' });
    await new Promise((r) => setTimeout(r, 20));
    expect(steps()).toEqual(['current', 'pending', 'pending']);
  });

  it('Cancel asks Rust to clear the clipboard and closes', async () => {
    const calls = fakeShell();
    const onclose = vi.fn();
    render(PasteSequenceDialog, { keyId: started.id, platform: started.platform, onclose });
    await waitFor(() => expect(steps()).toHaveLength(3));

    await fireEvent.click(screen.getByTestId('paste-cancel'));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(calls).toContain('paste_sequence_cancel');
  });
});

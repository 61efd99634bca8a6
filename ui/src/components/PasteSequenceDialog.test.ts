import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import PasteSequenceDialog from './PasteSequenceDialog.svelte';
import { expectEscapeClosesAndReturns, expectModalWithFocus, expectTabStaysInside, focusedOpener } from './dialog-keys';
import { pasteSequence } from '../fixtures';
import type { PasteSequence } from '../lib/types';

const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP';

// The OKX key into Bitsgap: API key, secret key, passphrase.
const started = pasteSequence();
const seq = (current: number, done = false, extra: Partial<PasteSequence> = {}): PasteSequence => ({
  ...pasteSequence(),
  current,
  done,
  ...extra,
});

type Handler = (args: Record<string, unknown>) => unknown;

/** A fake shell that walks the sequence and, like Rust, also emits `paste_sequence` after each step. */
function fakeShell(extra: Partial<PasteSequence> = {}, handlers: Record<string, Handler> = {}) {
  const calls: string[] = [];
  let current = 0;
  mockIPC(
    async (cmd, args) => {
      calls.push(cmd);
      if (handlers[cmd]) return handlers[cmd](args as Record<string, unknown>);
      switch (cmd) {
        case 'paste_sequence_start':
          current = 0;
          return seq(0, false, extra);
        case 'paste_sequence_copy':
          return seq(current, false, extra);
        case 'paste_sequence_next': {
          current += 1;
          const last = started.steps.length - 1;
          const next = current > last ? seq(last, true, extra) : seq(current, false, extra);
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
const open = (onclose = () => {}) =>
  render(PasteSequenceDialog, { keyId: started.id, platform: started.platform, onclose });

afterEach(() => vi.useRealTimers());

describe('PasteSequenceDialog', () => {
  it('copies nothing when it opens: each step goes on the clipboard when Copy is pressed', async () => {
    const calls = fakeShell();
    const onclose = vi.fn();
    open(onclose);

    await waitFor(() => expect(steps()).toEqual(['current', 'pending', 'pending']));
    expect(screen.getByTestId('paste-dialog')).toHaveTextContent(`Send to ${started.platform_name}`);
    expect(screen.getByTestId('paste-progress')).toHaveTextContent('Step 1 of 3');
    expect(screen.getByTestId('paste-not-copied')).toBeInTheDocument();
    expect(screen.queryByTestId('paste-countdown')).toBeNull();
    expect(screen.getByTestId('paste-copy')).toHaveClass('primary');
    expect(calls).toEqual(['paste_sequence_start']);

    for (const expected of [
      ['current', 'pending', 'pending'],
      ['done', 'current', 'pending'],
      ['done', 'done', 'current'],
    ]) {
      await waitFor(() => expect(steps()).toEqual(expected));
      await fireEvent.click(screen.getByTestId('paste-copy'));
      await screen.findByTestId('paste-countdown');
      expect(screen.getByTestId('paste-countdown').dataset.remaining).toBe(String(started.clear_after_s));
      await fireEvent.click(screen.getByTestId('paste-next'));
    }

    await screen.findByTestId('paste-finished');
    expect(steps()).toEqual(['done', 'done', 'done']);
    expect(screen.queryByTestId('paste-progress')).toBeNull();
    await fireEvent.click(screen.getByTestId('paste-done'));
    expect(onclose).toHaveBeenCalled();
    expect(calls).toEqual([
      'paste_sequence_start',
      ...Array(3).fill(['paste_sequence_copy', 'paste_sequence_next']).flat(),
    ]);
    expect(document.body).not.toHaveTextContent(SECRET);
  });

  it('says the clipboard was cleared when the countdown ends and offers Copy again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const calls = fakeShell();
    open();
    await waitFor(() => expect(steps()).toHaveLength(3));
    await fireEvent.click(screen.getByTestId('paste-copy'));
    await screen.findByTestId('paste-countdown');
    expect(screen.getByTestId('paste-dialog')).toHaveTextContent('On the clipboard');

    vi.advanceTimersByTime(started.clear_after_s * 1000);
    await waitFor(() => expect(screen.getByTestId('paste-countdown')).toHaveTextContent('The clipboard was cleared'));
    expect(screen.getByTestId('paste-countdown').dataset.remaining).toBe('0');
    expect(screen.getByTestId('paste-dialog')).not.toHaveTextContent('On the clipboard');
    expect(screen.getByTestId('paste-copy')).toHaveTextContent('Copy again');

    await fireEvent.click(screen.getByTestId('paste-copy'));
    await waitFor(() => expect(screen.getByTestId('paste-countdown').dataset.remaining).toBe('20'));
    expect(calls.filter((c) => c === 'paste_sequence_copy')).toHaveLength(2);
    expect(steps()).toEqual(['current', 'pending', 'pending']);
  });

  it('follows a step that Rust announces by event, with nothing copied for it yet', async () => {
    fakeShell();
    open();
    await waitFor(() => expect(steps()).toEqual(['current', 'pending', 'pending']));
    await fireEvent.click(screen.getByTestId('paste-copy'));
    await screen.findByTestId('paste-countdown');

    await emit('paste_sequence', seq(1));
    await waitFor(() => expect(steps()).toEqual(['done', 'current', 'pending']));
    expect(screen.getByTestId('paste-not-copied')).toBeInTheDocument();
  });

  it('ignores events of another sequence', async () => {
    fakeShell();
    open();
    await waitFor(() => expect(steps()).toEqual(['current', 'pending', 'pending']));

    await emit('paste_sequence', { ...seq(2), id: 'other' });
    await new Promise((r) => setTimeout(r, 20));
    expect(steps()).toEqual(['current', 'pending', 'pending']);
  });

  it('Cancel asks Rust to clear the clipboard and closes', async () => {
    const calls = fakeShell();
    const onclose = vi.fn();
    open(onclose);
    await waitFor(() => expect(steps()).toHaveLength(3));

    await fireEvent.click(screen.getByTestId('paste-cancel'));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(calls).toContain('paste_sequence_cancel');
  });

  it('asks before sending a key that will be rejected, and has no primary button for it', async () => {
    const calls = fakeShell({ rejected: true });
    open();
    await screen.findByTestId('paste-rejected');
    expect(screen.getByTestId('paste-copy')).not.toHaveClass('primary');

    await fireEvent.click(screen.getByTestId('paste-copy'));
    await screen.findByTestId('confirm-dialog');
    expect(calls).not.toContain('paste_sequence_copy');
    await fireEvent.click(screen.getByTestId('confirm-cancel'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(calls).not.toContain('paste_sequence_copy');

    await fireEvent.click(screen.getByTestId('paste-copy'));
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    await screen.findByTestId('paste-countdown');
    expect(calls.filter((c) => c === 'paste_sequence_copy')).toHaveLength(1);
    expect(screen.getByTestId('paste-next')).not.toHaveClass('primary');

    // Asked once per sequence.
    await fireEvent.click(screen.getByTestId('paste-copy'));
    await waitFor(() => expect(calls.filter((c) => c === 'paste_sequence_copy')).toHaveLength(2));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('shows the platform IP list step when the exchange form needs it', async () => {
    fakeShell({ ip_list_required: true, ips: ['203.0.113.7', '198.51.100.0/24'] });
    open();
    const step = await screen.findByTestId('paste-ip-step');
    expect(step).toHaveTextContent('203.0.113.7, 198.51.100.0/24');
    expect(screen.getByTestId(`ips-copy-${started.platform}`)).toBeInTheDocument();
  });

  it('has no IP list step when the exchange form does not need it', async () => {
    fakeShell();
    open();
    await waitFor(() => expect(steps()).toHaveLength(3));
    expect(screen.queryByTestId('paste-ip-step')).toBeNull();
  });

  it('Type it for me counts down, then says which window received the fields', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let finish: (v: unknown) => void = () => {};
    const seen: Record<string, unknown>[] = [];
    const calls = fakeShell(
      {},
      {
        auto_type_key: (args) => {
          seen.push(args);
          return new Promise((resolve) => (finish = resolve));
        },
      },
    );
    open();
    await waitFor(() => expect(steps()).toHaveLength(3));
    await fireEvent.click(screen.getByTestId('paste-autotype'));

    const countdown = await screen.findByTestId('paste-typing-in');
    expect(countdown).toHaveTextContent('typing in 5 s');
    vi.advanceTimersByTime(2000);
    await waitFor(() => expect(screen.getByTestId('paste-typing-in')).toHaveTextContent('typing in 3 s'));
    expect(seen).toEqual([{ id: started.id, platform: started.platform, delayS: 5 }]);

    finish({ window_title: 'Bitsgap — Mozilla Firefox', fields: ['api_key', 'secret', 'passphrase'] });
    await screen.findByTestId('paste-typed');
    expect(screen.getByTestId('paste-typed')).toHaveTextContent('Typed into “Bitsgap — Mozilla Firefox”');
    expect(screen.queryByTestId('paste-typing-in')).toBeNull();
    expect(calls).not.toContain('paste_sequence_copy');
  });

  it('a refused auto-type says why and leaves the clipboard steps to use', async () => {
    fakeShell(
      {},
      {
        auto_type_key: () => Promise.reject({ code: 'auto_type_wayland', message: 'wayland' }),
      },
    );
    open();
    await waitFor(() => expect(steps()).toHaveLength(3));
    await fireEvent.click(screen.getByTestId('paste-autotype'));

    const error = await screen.findByTestId('paste-type-error');
    expect(error).toHaveTextContent('On Wayland no program may type');
    expect(error).toHaveTextContent('Use the clipboard steps instead');
    expect(screen.getByTestId('paste-copy')).toBeEnabled();
    expect(screen.getByTestId('paste-autotype')).toBeInTheDocument();
  });

  it('asks before typing a key that will be rejected', async () => {
    const calls = fakeShell({ rejected: true });
    open();
    await screen.findByTestId('paste-rejected');
    await fireEvent.click(screen.getByTestId('paste-autotype'));
    await screen.findByTestId('confirm-dialog');
    expect(calls).not.toContain('auto_type_key');
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(calls).toContain('auto_type_key'));
  });

  it('from the keyboard: takes focus, keeps Tab inside, Escape cancels and gives focus back', async () => {
    const calls = fakeShell();
    const opener = focusedOpener();
    const { unmount } = render(PasteSequenceDialog, {
      keyId: started.id,
      platform: started.platform,
      onclose: () => unmount(),
    });
    await waitFor(() => expect(steps()).toEqual(['current', 'pending', 'pending']));
    const dialog = screen.getByTestId('paste-dialog');
    expectModalWithFocus(dialog);
    await expectTabStaysInside(dialog);
    await expectEscapeClosesAndReturns('paste-dialog', opener);
    expect(calls).toContain('paste_sequence_cancel');
    opener.remove();
  });
});

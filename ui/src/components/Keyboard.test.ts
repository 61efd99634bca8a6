// The keyboard on its own: dialogs take, keep and give back focus; the main screen's shortcuts and
// skip link; the inventory's filters kept while a key is open.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import App from '../App.svelte';
import { createRawSnippet } from 'svelte';
import ConfirmDialog from './ConfirmDialog.svelte';
import Dialog from './Dialog.svelte';
import { expectEscapeClosesAndReturns, expectModalWithFocus, expectTabStaysInside, focusedOpener } from './dialog-keys';
import { shortcutFor } from '../lib/shortcuts';
import { appStatus, keyDetails, keySummaries, settings } from '../fixtures';

const keys = keySummaries();

function dialog(oncancel = vi.fn(), onconfirm = vi.fn()) {
  return render(ConfirmDialog, { title: 'Delete?', message: 'Sure?', confirmLabel: 'Delete', oncancel, onconfirm });
}

describe('dialogs and focus', () => {
  it('takes focus on the safe choice and keeps Tab and Shift+Tab inside the dialog', async () => {
    const behind = document.createElement('button');
    behind.textContent = 'behind';
    document.body.append(behind);
    dialog();
    const cancel = screen.getByTestId('confirm-cancel');
    const ok = screen.getByTestId('confirm-ok');
    expect(document.activeElement).toBe(cancel);

    ok.focus();
    await fireEvent.keyDown(ok, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    await fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(ok);

    // Focus sent behind the dialog (a click on the backdrop, code) comes back into it.
    behind.focus();
    expect(screen.getByTestId('confirm-dialog').contains(document.activeElement)).toBe(true);
    behind.remove();
  });

  it('closes with Escape and gives focus back to what had it before', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const oncancel = vi.fn();
    const { unmount } = dialog(oncancel);
    expect(document.activeElement).not.toBe(opener);

    await fireEvent.keyDown(screen.getByTestId('confirm-cancel'), { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledOnce();
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('does not close on Escape while busy', async () => {
    const oncancel = vi.fn();
    render(ConfirmDialog, {
      title: 'Restore?',
      message: 'Sure?',
      confirmLabel: 'Restore',
      busy: true,
      oncancel,
      onconfirm: vi.fn(),
    });
    await fireEvent.keyDown(screen.getByTestId('confirm-dialog'), { key: 'Escape' });
    expect(oncancel).not.toHaveBeenCalled();
  });
});

const fields = createRawSnippet(() => ({
  render: () => '<div><input data-testid="d-field" /><button data-testid="d-ok">OK</button></div>',
}));

describe('Dialog, the one every dialog is made of', () => {
  it('is named by its title, takes focus, keeps Tab inside, closes on Escape and gives focus back', async () => {
    const opener = focusedOpener();
    const { unmount } = render(Dialog, { title: 'Send', onclose: () => unmount(), testid: 'd', children: fields });
    const dialog = screen.getByTestId('d');
    expect(screen.getByRole('dialog', { name: 'Send' })).toBe(dialog);
    expectModalWithFocus(dialog);
    expect(document.activeElement).toBe(screen.getByTestId('d-field'));
    await expectTabStaysInside(dialog);
    await expectEscapeClosesAndReturns('d', opener);
    opener.remove();
  });

  it('stays on Escape when told to (busy)', async () => {
    const onclose = vi.fn();
    render(Dialog, { title: 'Busy', onclose, closeOnEscape: false, testid: 'd', children: fields });
    await fireEvent.keyDown(screen.getByTestId('d-field'), { key: 'Escape' });
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(onclose).not.toHaveBeenCalled();
  });

  it('gives focus to `returnFocus` when what had it is gone (a menu item that closed)', async () => {
    const owner = document.createElement('button');
    document.body.append(owner);
    const item = focusedOpener();
    const { unmount } = render(Dialog, {
      title: 'Shared',
      onclose: () => unmount(),
      returnFocus: owner,
      testid: 'd',
      children: fields,
    });
    item.remove();
    await expectEscapeClosesAndReturns('d', owner);
    owner.remove();
  });

  it('a confirmation over a dialog keeps the focus and Escape closes only the confirmation', async () => {
    const outerClose = vi.fn();
    const outer = render(Dialog, { title: 'Outer', onclose: outerClose, testid: 'outer', children: fields });
    const inner = vi.fn();
    const { unmount } = render(ConfirmDialog, {
      title: 'Sure?',
      message: 'Sure?',
      confirmLabel: 'Yes',
      oncancel: () => {
        inner();
        unmount();
      },
      onconfirm: vi.fn(),
    });
    const confirm = screen.getByTestId('confirm-dialog');
    expect(document.activeElement).toBe(screen.getByTestId('confirm-cancel'));
    // Focus moved onto the dialog below comes back to the confirmation, not the other way round.
    screen.getByTestId('d-ok').focus();
    expect(confirm.contains(document.activeElement)).toBe(true);

    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(inner).toHaveBeenCalledOnce();
    expect(outerClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('outer')).toBeInTheDocument();
    // Back to the outer dialog (what had focus before the confirmation).
    expect(screen.getByTestId('outer').contains(document.activeElement)).toBe(true);
    outer.unmount();
  });
});

describe('shortcuts', () => {
  const key = (k: string, init: KeyboardEventInit = {}, target?: EventTarget) => {
    const e = new KeyboardEvent('keydown', { key: k, ...init });
    if (target) Object.defineProperty(e, 'target', { value: target });
    return shortcutFor(e);
  };

  it('knows /, Ctrl+F, Ctrl+N, a and Ctrl+L, and leaves typing alone', () => {
    expect(key('/')).toBe('search');
    expect(key('f', { ctrlKey: true })).toBe('search');
    expect(key('n', { ctrlKey: true })).toBe('add');
    expect(key('a')).toBe('add');
    expect(key('L', { ctrlKey: true })).toBe('lock');
    expect(key('x')).toBeNull();
    expect(key('c', { ctrlKey: true })).toBeNull();
    const field = document.createElement('input');
    expect(key('/', {}, field)).toBeNull();
    expect(key('a', {}, field)).toBeNull();
    // Ctrl shortcuts work from a field too.
    expect(key('l', { ctrlKey: true }, field)).toBe('lock');
  });
});

function fakeVault(calls: string[] = []) {
  mockIPC((cmd) => {
    calls.push(cmd);
    switch (cmd) {
      case 'app_status':
        return { ...appStatus(), unlocked: !calls.includes('vault_lock') };
      case 'keys_list':
        return keys;
      case 'key_get':
        return keyDetails()[0];
      case 'settings_get':
        return { ...settings(), language: 'en' };
      case 'catalog_exchanges':
      case 'catalog_platforms':
      case 'key_verdicts':
        return [];
      default:
        return null;
    }
  });
  return calls;
}

describe('main screen from the keyboard', () => {
  it('searches with /, adds with Ctrl+N and locks with Ctrl+L, each shown on its control', async () => {
    const calls = fakeVault();
    render(App);
    await screen.findAllByTestId('key-row');
    expect(screen.getByTestId('lock')).toHaveAttribute('aria-keyshortcuts', 'Control+L');
    expect(screen.getByTestId('add-key')).toHaveAttribute('aria-keyshortcuts', 'Control+N');
    expect(screen.getByTestId('search')).toHaveAttribute('aria-keyshortcuts', '/ Control+F');
    expect(screen.getByTestId('shortcut-hint')).toHaveTextContent('Ctrl+L');

    await fireEvent.keyDown(window, { key: '/' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('search')));

    await fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    expect(await screen.findByTestId('add-key-form')).toBeInTheDocument();

    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await waitFor(() => expect(calls).toContain('vault_lock'));
    expect(await screen.findByTestId('unlock')).toBeInTheDocument();
  });

  it('the skip link is the first stop and lands on the first key', async () => {
    fakeVault();
    render(App);
    await screen.findAllByTestId('key-row');
    const skip = screen.getByTestId('skip-to-keys');
    // First in the page: the first Tab reaches it.
    const all = Array.from(document.querySelectorAll('button, input, select, a[href]'));
    expect(all[0]).toBe(skip);
    await fireEvent.click(skip);
    await waitFor(() => expect(document.activeElement).toBe(screen.getAllByTestId('key-row')[0]));
  });

  it('keeps the search and filters after opening a key and going back, focus on its row', async () => {
    fakeVault();
    render(App);
    await screen.findAllByTestId('key-row');
    const wanted = keys[1];
    await fireEvent.input(screen.getByTestId('search'), { target: { value: wanted.label } });
    await waitFor(() => expect(screen.getAllByTestId('key-row')).toHaveLength(1));

    await fireEvent.click(screen.getAllByTestId('key-row')[0]);
    await waitFor(() => expect(screen.queryByTestId('search')).toBeNull());
    await fireEvent.click(screen.getByTestId('nav-keys'));

    expect(await screen.findByTestId('search')).toHaveValue(wanted.label);
    const rows = screen.getAllByTestId('key-row');
    expect(rows).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(rows[0]));
  });
});

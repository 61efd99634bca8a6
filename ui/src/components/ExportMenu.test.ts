import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ExportMenu from './ExportMenu.svelte';
import { expectEscapeClosesAndReturns, expectModalWithFocus, expectTabStaysInside } from './dialog-keys';

const PASSPHRASE = 'otter-violin-cactus-lemon-harbor';

function fakeShell(exportPath: string | null = '/home/trader/bot/.env') {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === 'key_export') return exportPath;
    if (cmd === 'key_share_export') return { path: '/home/trader/binance.coffre-share', passphrase: PASSPHRASE };
    return null;
  });
  return calls;
}

describe('ExportMenu', () => {
  it('shows the one-time passphrase once, with the other-channel warning, and forgets it on close', async () => {
    const calls = fakeShell();
    render(ExportMenu, { keyId: 'k1' });
    await fireEvent.click(screen.getByTestId('export-menu'));
    await fireEvent.click(screen.getByTestId('export-share'));

    const dialog = await screen.findByTestId('share-dialog');
    expect(screen.getByTestId('share-passphrase')).toHaveTextContent(PASSPHRASE);
    expect(dialog).toHaveTextContent('/home/trader/binance.coffre-share');
    expect(screen.getByTestId('share-warning')).toHaveTextContent('different channel than the file');
    expect(calls).toEqual([{ cmd: 'key_share_export', args: { id: 'k1' } }]);

    await fireEvent.click(screen.getByTestId('share-close'));
    expect(screen.queryByTestId('share-dialog')).toBeNull();
    expect(document.body).not.toHaveTextContent(PASSPHRASE);
  });

  it('shows where a bot export was saved and warns that the file holds the secret in clear', async () => {
    const calls = fakeShell();
    render(ExportMenu, { keyId: 'k1' });
    await fireEvent.click(screen.getByTestId('export-menu'));
    await fireEvent.click(screen.getByTestId('export-freqtrade_env'));

    expect(await screen.findByTestId('export-saved')).toHaveTextContent('/home/trader/bot/.env');
    expect(screen.getByTestId('export-warning')).toHaveTextContent('holds the secret in clear');
    expect(calls).toEqual([{ cmd: 'key_export', args: { id: 'k1', format: 'freqtrade_env' } }]);
  });

  it('shows nothing when the user cancels the save dialog', async () => {
    const calls = fakeShell(null);
    render(ExportMenu, { keyId: 'k1' });
    await fireEvent.click(screen.getByTestId('export-menu'));
    await fireEvent.click(screen.getByTestId('export-ccxt'));

    await waitFor(() => expect(calls).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('export-menu')).toBeEnabled());
    expect(screen.queryByTestId('export-saved')).toBeNull();
    expect(screen.queryByTestId('export-error')).toBeNull();
  });

  it('share dialog from the keyboard: takes focus, keeps Tab, closes on Escape, focus back on Export', async () => {
    fakeShell();
    render(ExportMenu, { keyId: 'k1' });
    const menu = screen.getByTestId('export-menu');
    menu.focus();
    await fireEvent.click(menu);
    // The menu item has the focus when chosen, and is gone once the dialog is up.
    const item = screen.getByTestId('export-share');
    item.focus();
    await fireEvent.click(item);

    const dialog = await screen.findByTestId('share-dialog');
    expect(screen.queryByTestId('export-share')).toBeNull();
    expectModalWithFocus(dialog);
    await expectTabStaysInside(dialog);
    await expectEscapeClosesAndReturns('share-dialog', menu);
  });
});

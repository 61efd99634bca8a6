import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ShareImport from './ShareImport.svelte';
import { expectEscapeClosesAndReturns, expectModalWithFocus, expectTabStaysInside } from './dialog-keys';
import { session } from '../lib/session.svelte';

afterEach(() => {
  session.keys = [];
  session.show({ name: 'list' });
});

describe('ShareImport', () => {
  it('sends the typed passphrase, then opens the imported key', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'key_share_import') return 'k7';
      if (cmd === 'keys_list') return [];
      return '';
    });
    render(ShareImport);
    await fireEvent.click(screen.getByTestId('import-shared'));
    expect(screen.getByTestId('import-ok')).toBeDisabled();
    await fireEvent.input(screen.getByTestId('import-passphrase'), { target: { value: ' otter-violin ' } });
    await fireEvent.click(screen.getByTestId('import-ok'));

    await waitFor(() => expect(session.view).toEqual({ name: 'detail', id: 'k7' }));
    expect(calls[0]).toEqual({ cmd: 'key_share_import', args: { passphrase: 'otter-violin' } });
    expect(screen.queryByTestId('import-dialog')).toBeNull();
  });

  it('keeps the dialog open with a translated error when the passphrase is wrong', async () => {
    mockIPC(() => {
      throw { code: 'wrong_password', message: 'wrong passphrase' };
    });
    render(ShareImport);
    await fireEvent.click(screen.getByTestId('import-shared'));
    await fireEvent.input(screen.getByTestId('import-passphrase'), { target: { value: 'nope' } });
    await fireEvent.click(screen.getByTestId('import-ok'));
    expect(await screen.findByTestId('import-error')).toBeInTheDocument();
    expect(screen.getByTestId('import-dialog')).toBeInTheDocument();
  });

  it('from the keyboard: focus on the passphrase, Tab kept inside, Escape closes, focus back on Import', async () => {
    mockIPC(() => null);
    render(ShareImport);
    const opener = screen.getByTestId('import-shared');
    opener.focus();
    await fireEvent.click(opener);
    const dialog = screen.getByTestId('import-dialog');
    expectModalWithFocus(dialog);
    expect(document.activeElement).toBe(screen.getByTestId('import-passphrase'));
    await fireEvent.input(screen.getByTestId('import-passphrase'), { target: { value: 'otter' } });
    await expectTabStaysInside(dialog);
    await expectEscapeClosesAndReturns('import-dialog', opener);
  });
});

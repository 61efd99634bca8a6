import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { locale } from 'svelte-i18n';
import AddKeyForm from './AddKeyForm.svelte';
import { exchanges, guide, pasteInvalidError, pasteResults, platforms } from '../fixtures';
import type { PasteResult } from '../lib/types';

const binance = exchanges().find((e) => e.id === 'binance')!;
const okx = exchanges().find((e) => e.id === 'okx')!;
// What Rust says of a 5-character Binance API key.
const badLength = pasteResults().bad_length;
// The guide's first box to leave unticked, alone, so the test can find it.
const leaveOff = guide().items.find((i) => i.action === 'disable')!;

/** A fake shell whose paste_check accepts only values starting with "good" (with Rust's answers). */
function fakeShell(
  saved: Record<string, unknown>[] = [],
  refuseSave = false,
  calls: { cmd: string; args: unknown }[] = [],
) {
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'catalog_exchanges':
        return [binance];
      case 'catalog_platforms':
        return platforms();
      case 'catalog_guide':
        return { ...guide(), items: [leaveOff] };
      case 'paste_check': {
        const field = a.field as PasteResult['field'];
        const [base, error] = [pasteResults().ok, badLength.error!];
        const result: PasteResult = (a.value as string).startsWith('good')
          ? { ...base, field }
          : { ...badLength, field, error: { ...error, field } };
        return result;
      }
      case 'key_add':
        // The secret pasted as a copy of the API key.
        if (refuseSave) throw pasteInvalidError();
        saved.push(a);
        return 'new-id';
      case 'keygen_ed25519':
        return { draft_id: 'draft-7', public_key_pem: PEM };
      case 'key_add_generated':
        return 'gen-id';
      case 'keys_list':
      case 'key_get':
        return [];
      default:
        return null;
    }
  });
  return saved;
}

const PEM =
  '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----';

async function pickBinance() {
  const select = await screen.findByTestId('exchange-select');
  await screen.findAllByText('Binance');
  await fireEvent.change(select, { target: { value: 'binance' } });
}

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe('AddKeyForm', () => {
  it('shows the core’s verdict on a bad paste and keeps Save disabled', async () => {
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    await type('label-input', 'Grid bot');
    await type('api-key-input', 'short');
    await type('secret-input', 'good-secret');

    const error = await screen.findByTestId('api-key-input-error');
    expect(error).toHaveTextContent(badLength.error!.message);
    await screen.findByTestId('secret-input-ok');
    expect(screen.getByTestId('save-key')).toBeDisabled();
  });

  it('translates the verdict by its code outside English, keeping the core’s detail', async () => {
    locale.set('fr');
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    await type('api-key-input', 'short');

    const error = await screen.findByTestId('api-key-input-error');
    expect(error).toHaveTextContent('La longueur ne correspond pas à celle de l’exchange');
    expect(error).toHaveTextContent(badLength.error!.message);
  });

  it('enables Save once every pasted field is valid, then saves and forgets the secrets', async () => {
    const saved = fakeShell();
    render(AddKeyForm);
    await pickBinance();
    await type('label-input', 'Grid bot');
    await type('api-key-input', 'good-key');
    await type('secret-input', 'good-secret');

    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('save-key'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      key: { exchange: 'binance', label: 'Grid bot' },
      apiKey: 'good-key',
      secret: 'good-secret',
    });
    expect(saved[0].key).not.toHaveProperty('secret');
    await waitFor(() => expect(screen.getByTestId('secret-input')).toHaveValue(''));
    expect(screen.getByTestId('api-key-input')).toHaveValue('');
  });

  it('names the refused field when Rust rejects the key on save', async () => {
    const saved = fakeShell([], true);
    render(AddKeyForm);
    await pickBinance();
    await type('label-input', 'Grid bot');
    await type('api-key-input', 'good-same');
    await type('secret-input', 'good-same');
    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('save-key'));

    expect(await screen.findByTestId('save-error')).toHaveTextContent('not valid for this exchange');
    expect(screen.getByTestId('save-error-secret')).toHaveTextContent('Secret: The secret is the same as the API key');
    expect(saved).toEqual([]);
  });

  it('marks credential inputs so browsers neither remember, spell-check nor translate them', async () => {
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    for (const id of ['api-key-input', 'secret-input']) {
      const input = screen.getByTestId(id);
      expect(input).toHaveAttribute('type', 'password');
      expect(input).toHaveAttribute('autocomplete', 'off');
      expect(input).toHaveAttribute('spellcheck', 'false');
      expect(input).toHaveAttribute('translate', 'no');
    }
  });

  it('shows the guide checklist of the chosen exchange', async () => {
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    const item = await screen.findByTestId('guide-item');
    expect(item).toHaveAttribute('data-action', 'disable');
    expect(item.textContent).toContain('Leave off:');
    expect(item.textContent).toContain(leaveOff.text);
  });

  it('Binance self-generated Ed25519: shows the public key, asks only for the API key, saves the draft', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    fakeShell([], false, calls);
    render(AddKeyForm);
    await pickBinance();
    expect(screen.getByTestId('secret-input')).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId('key-kind-ed25519'));
    expect(screen.queryByTestId('secret-input')).toBeNull();
    expect(screen.queryByTestId('api-key-input')).toBeNull();
    await fireEvent.click(screen.getByTestId('keygen-ed25519'));

    const pem = await screen.findByTestId('public-key-pem');
    expect(pem).toHaveValue(PEM);
    expect(pem).toHaveAttribute('readonly');
    expect(screen.getByTestId('ed25519-steps')).toHaveTextContent('Self-generated');
    expect(screen.queryByTestId('secret-input')).toBeNull();

    await type('label-input', 'Binance Ed25519');
    await type('api-key-input', 'good-key');
    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('save-key'));

    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain('key_add_generated'));
    const save = calls.find((c) => c.cmd === 'key_add_generated')!.args as Record<string, unknown>;
    expect(save).toMatchObject({
      key: { exchange: 'binance', label: 'Binance Ed25519' },
      apiKey: 'good-key',
      draftId: 'draft-7',
    });
    expect(save).not.toHaveProperty('secret');
    expect(calls.map((c) => c.cmd)).not.toContain('key_add');
    expect(calls.filter((c) => c.cmd === 'keygen_ed25519')).toHaveLength(1);
  });

  it('offers the Ed25519 choice only for Binance', async () => {
    mockIPC((cmd) => {
      if (cmd === 'catalog_exchanges') return [okx];
      if (cmd === 'catalog_guide') return { exchange: 'okx', items: [] };
      return [];
    });
    render(AddKeyForm);
    const select = await screen.findByTestId('exchange-select');
    await screen.findAllByText('OKX');
    await fireEvent.change(select, { target: { value: 'okx' } });
    expect(screen.queryByTestId('key-kind')).toBeNull();
  });
});

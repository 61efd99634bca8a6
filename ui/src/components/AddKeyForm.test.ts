import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { locale } from 'svelte-i18n';
import AddKeyForm from './AddKeyForm.svelte';
import { exchanges, guide, pasteInvalidError, pasteResults, platforms } from '../fixtures';
import type { ExchangeInfo, PasteResult } from '../lib/types';

const binance = exchanges().find((e) => e.id === 'binance')!;
const okx = exchanges().find((e) => e.id === 'okx')!;
// What Rust says of a 5-character Binance API key.
const badLength = pasteResults().bad_length;
// The guide's first box to leave unticked, alone, so the test can find it.
const leaveOff = guide().items.find((i) => i.action === 'disable')!;

/** What the fake system clipboard holds; only the fake Rust side ever reads it. */
let clipboard = '';

/** A fake shell: form_paste reads the fake clipboard and accepts values starting with "good"
 * (with Rust's own answers), as form_type_passphrase does with what was typed. */
function fakeShell(
  saved: Record<string, unknown>[] = [],
  refuseSave = false,
  calls: { cmd: string; args: unknown }[] = [],
  catalog: ExchangeInfo[] = [binance],
) {
  const judge = (field: PasteResult['field'], value: string): PasteResult => {
    const [base, error] = [pasteResults().ok, badLength.error!];
    return value.startsWith('good') ? { ...base, field } : { ...badLength, field, error: { ...error, field } };
  };
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'catalog_exchanges':
        return catalog;
      case 'catalog_platforms':
        return platforms();
      case 'catalog_guide':
        return { ...guide(), items: [leaveOff] };
      case 'form_open':
        return 'form-1';
      case 'form_paste': {
        const pasted = clipboard;
        clipboard = '';
        return judge(a.field as PasteResult['field'], pasted);
      }
      case 'form_type_passphrase':
        return judge('passphrase', a.value as string);
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

/** The user copies `value` on the exchange's page and presses the field's Paste button. */
async function paste(testid: string, value: string) {
  clipboard = value;
  await fireEvent.click(screen.getByTestId(`${testid}-paste`));
}

describe('AddKeyForm', () => {
  it('shows the core’s verdict on a bad paste and keeps Save disabled', async () => {
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    await type('label-input', 'Grid bot');
    await paste('api-key-input', 'short');
    await paste('secret-input', 'good-secret');

    const error = await screen.findByTestId('api-key-input-error');
    expect(error).toHaveTextContent(badLength.error!.message);
    await screen.findByTestId('secret-input-ok');
    expect(screen.getByTestId('save-key')).toBeDisabled();
  });

  it('translates the verdict by its code outside English, with the format hint in French, no English', async () => {
    locale.set('fr');
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    // Under the empty fields: the catalog's French hint, not Rust's English one.
    expect(screen.getByTestId('api-key-input-hint')).toHaveTextContent('64 caractères, lettres et chiffres uniquement');
    expect(screen.getByTestId('secret-input-hint')).not.toHaveTextContent(binance.secret_hint);
    await paste('api-key-input', 'short');

    const error = await screen.findByTestId('api-key-input-error');
    expect(error).toHaveTextContent('La longueur ne correspond pas à celle de l’exchange');
    expect(screen.getByTestId('api-key-input-expected').textContent).toBe(
      'Attendu\u00a0: 64 caractères, lettres et chiffres uniquement.',
    );
    expect(error).not.toHaveTextContent(badLength.error!.message);
    locale.set('en');
  });

  it('enables Save once every pasted field is valid, then saves from the Rust draft', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const saved = fakeShell([], false, calls);
    render(AddKeyForm);
    await pickBinance();
    await type('label-input', 'Grid bot');
    await paste('api-key-input', 'good-key-1234567890');
    await screen.findByTestId('api-key-input-ok');
    await paste('secret-input', 'good-secret-1234567890');

    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('save-key'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      key: expect.objectContaining({ exchange: 'binance', label: 'Grid bot' }),
      form: 'form-1',
    });
    // The page never had the values: not in the DOM, not in any command's arguments.
    expect(document.body.textContent).not.toContain('good-key-1234567890');
    expect(JSON.stringify(calls)).not.toContain('good-secret-1234567890');
    expect(calls.filter((c) => c.cmd === 'form_open')).toHaveLength(1);
  });

  it('pastes through Rust on Ctrl+V in the field, never through the page', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    fakeShell([], false, calls);
    render(AddKeyForm);
    await pickBinance();
    clipboard = 'good-key-1234567890';
    const field = screen.getByTestId('api-key-input');
    const event = new KeyboardEvent('keydown', { key: 'v', ctrlKey: true, bubbles: true, cancelable: true });
    field.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await screen.findByTestId('api-key-input-ok');
    expect(calls.find((c) => c.cmd === 'form_paste')?.args).toEqual({
      form: 'form-1',
      exchange: 'binance',
      field: 'api_key',
    });
  });

  it('types a passphrase by hand into the same Rust draft', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    fakeShell([], false, calls, [okx]);
    render(AddKeyForm);
    const select = await screen.findByTestId('exchange-select');
    await screen.findAllByText('OKX');
    await fireEvent.change(select, { target: { value: 'okx' } });
    await type('passphrase-input', 'good-pass');
    await screen.findByTestId('passphrase-input-ok');
    expect(calls.find((c) => c.cmd === 'form_type_passphrase')?.args).toMatchObject({
      form: 'form-1',
      exchange: 'okx',
    });
  });

  it('forgets the Rust draft when the form is cancelled', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    fakeShell([], false, calls);
    render(AddKeyForm);
    await pickBinance();
    await paste('api-key-input', 'good-key');
    await screen.findByTestId('api-key-input-ok');
    await fireEvent.click(screen.getByTestId('cancel-add'));
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain('form_discard'));
  });

  it('names the refused field when Rust rejects the key on save', async () => {
    const saved = fakeShell([], true);
    render(AddKeyForm);
    await pickBinance();
    await type('label-input', 'Grid bot');
    await paste('api-key-input', 'good-same');
    await paste('secret-input', 'good-same');
    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('save-key'));

    expect(await screen.findByTestId('save-error')).toHaveTextContent('not valid for this exchange');
    expect(screen.getByTestId('save-error-secret')).toHaveTextContent('Secret: The secret is the same as the API key');
    expect(saved).toEqual([]);
  });

  it('shows a pasted credential only as Rust’s masked hint, never in an input', async () => {
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    for (const id of ['api-key-input', 'secret-input']) {
      const field = screen.getByTestId(id);
      expect(field.tagName).not.toBe('INPUT');
      expect(field).toHaveAttribute('aria-readonly', 'true');
      expect(field).toHaveAttribute('translate', 'no');
    }
    await paste('api-key-input', 'good-key');
    expect(await screen.findByTestId('api-key-input')).toHaveTextContent(pasteResults().ok.masked!);
  });

  it('shows the guide checklist of the chosen exchange', async () => {
    fakeShell();
    render(AddKeyForm);
    await pickBinance();
    const item = await screen.findByTestId('guide-item');
    expect(item).toHaveAttribute('data-action', 'disable');
    // A numbered step, worded once: the catalog's sentence already says "Leave … unticked".
    expect(item.textContent).not.toContain('Leave off:');
    expect(item.textContent).toMatch(/^\s*1\.\s/);
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
    await paste('api-key-input', 'good-key');
    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('save-key'));

    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain('key_add_generated'));
    const save = calls.find((c) => c.cmd === 'key_add_generated')!.args as Record<string, unknown>;
    expect(save).toMatchObject({
      key: { exchange: 'binance', label: 'Binance Ed25519' },
      form: 'form-1',
      draftId: 'draft-7',
    });
    expect(save).not.toHaveProperty('secret');
    expect(calls.map((c) => c.cmd)).not.toContain('key_add');
    expect(calls.filter((c) => c.cmd === 'keygen_ed25519')).toHaveLength(1);
  });

  it('suggests a label from the chosen exchange and platform', async () => {
    fakeShell([], false, [], [binance, okx]);
    render(AddKeyForm);
    const select = await screen.findByTestId('exchange-select');
    await screen.findAllByText('OKX');
    await fireEvent.change(select, { target: { value: 'okx' } });
    expect(screen.getByTestId('label-input')).toHaveAttribute('placeholder', 'e.g. OKX – grid bot');
    await fireEvent.click(screen.getByTestId('platform-bitsgap'));
    expect(screen.getByTestId('label-input')).toHaveAttribute('placeholder', 'e.g. OKX – Bitsgap');
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

// Issue 14: the API key pasted into both fields showed "✓ Looks right" twice, the error came only
// after Save (below the fold) and stayed once fixed; OKX without a passphrase greyed Save silently.
describe('AddKeyForm, the fields judged together as you paste', () => {
  /** A fake Rust draft: per-field answers accept anything "good…", and `form_problems` is the
   * judge of the fields together, as `paste_in` answers it. */
  function draftShell(catalog: ExchangeInfo[]) {
    const held: Partial<Record<PasteResult['field'], string>> = {};
    const problems = (exchange: string) => {
      const out: NonNullable<PasteResult['form_problems']> = [];
      if (!held.api_key || !held.secret) return out;
      if (held.api_key === held.secret)
        out.push({ field: 'secret', code: 'same_as_key', message: 'The secret is the same as the API key.' });
      if (exchange === 'okx' && !held.passphrase)
        out.push({ field: 'passphrase', code: 'passphrase_required', message: 'OKX requires the passphrase.' });
      return out;
    };
    const answer = (field: PasteResult['field'], exchange: string): PasteResult => ({
      ...pasteResults().ok,
      field,
      form_problems: problems(exchange),
    });
    mockIPC((cmd, args) => {
      const a = args as Record<string, string>;
      switch (cmd) {
        case 'catalog_exchanges':
          return catalog;
        case 'catalog_platforms':
          return platforms();
        case 'catalog_guide':
          return { ...guide(), items: [leaveOff] };
        case 'form_open':
          return 'form-1';
        case 'form_paste':
          held[a.field as PasteResult['field']] = clipboard;
          clipboard = '';
          return answer(a.field as PasteResult['field'], a.exchange);
        case 'form_type_passphrase':
          held.passphrase = a.value || undefined;
          return answer('passphrase', a.exchange);
        case 'form_clear_field':
          delete held[a.field as PasteResult['field']];
          return problems(a.exchange);
        default:
          return null;
      }
    });
  }

  it('marks the secret as the same as the API key at paste, and clears it once fixed', async () => {
    draftShell([binance]);
    render(AddKeyForm);
    await pickBinance();
    await type('label-input', 'Grid bot');
    await paste('api-key-input', 'good-key');
    await screen.findByTestId('api-key-input-ok');
    await paste('secret-input', 'good-key');

    const error = await screen.findByTestId('secret-input-error');
    expect(error.dataset.code).toBe('same_as_key');
    expect(screen.queryByTestId('secret-input-ok')).toBeNull();
    expect(screen.getByTestId('api-key-input-ok')).toBeInTheDocument();
    expect(screen.getByTestId('save-key')).toBeDisabled();
    expect(screen.getByTestId('save-why')).toHaveTextContent('same as the API key');

    await paste('secret-input', 'good-secret');
    await screen.findByTestId('secret-input-ok');
    expect(screen.queryByTestId('secret-input-error')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
    expect(screen.queryByTestId('save-why')).toBeNull();
  });

  it('says beside the passphrase and under Save that OKX needs it', async () => {
    draftShell([okx]);
    render(AddKeyForm);
    const select = await screen.findByTestId('exchange-select');
    await screen.findAllByText('OKX');
    await fireEvent.change(select, { target: { value: 'okx' } });
    await type('label-input', 'OKX bot');
    await paste('api-key-input', 'good-key');
    await paste('secret-input', 'good-secret');

    const error = await screen.findByTestId('passphrase-input-error');
    expect(error.dataset.code).toBe('passphrase_required');
    expect(screen.getByTestId('save-key')).toBeDisabled();
    expect(screen.getByTestId('save-why')).toHaveTextContent('passphrase');

    await type('passphrase-input', 'good-pass');
    await screen.findByTestId('passphrase-input-ok');
    await waitFor(() => expect(screen.getByTestId('save-key')).toBeEnabled());
  });

  it('tells why Save is greyed out before anything is pasted', async () => {
    draftShell([binance]);
    render(AddKeyForm);
    expect(await screen.findByTestId('save-why')).toHaveTextContent('Choose the exchange');
    await pickBinance();
    expect(screen.getByTestId('save-why')).toHaveTextContent('valid API key');
  });
});

import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { _, locale } from 'svelte-i18n';
import { mockIPC } from '@tauri-apps/api/mocks';
import * as api from './api';

const t = () => get(_);

describe('error mapping', () => {
  it('turns a known code into the sentence of the current language', () => {
    expect(api.errorText({ code: 'wrong_password', message: 'bad password' }, t())).toBe(
      'Wrong password. Check Caps Lock and try again.',
    );
    locale.set('fr');
    expect(api.errorText({ code: 'wrong_password', message: 'bad password' }, t())).toMatch(/^Mot de passe incorrect/);
  });

  it("falls back to Rust's message for a code the UI does not know", () => {
    expect(api.errorText({ code: 'brand_new_code', message: 'Something specific' }, t())).toBe('Something specific');
  });

  it('treats a bare string or exception as an internal error', () => {
    expect(api.asAppError('boom')).toEqual({ code: 'internal', message: 'boom' });
    expect(api.asAppError(new Error('nope'))).toEqual({ code: 'internal', message: 'nope' });
    expect(api.errorText(undefined, t())).toBe(t()('errors.internal'));
  });

  it('surfaces a rejected command as the translated sentence', async () => {
    mockIPC(() => {
      throw { code: 'vault_busy', message: 'lock held' };
    });
    const err = await api.vaultUnlock('pw').catch((e: unknown) => e);
    expect(api.errorText(err, t())).toMatch(/open in another Coffre window/);
  });
});

describe('commands', () => {
  it('sends each command its documented name and camelCase arguments', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'key_add' ? 'new-id' : null;
    });
    const id = await api.keyAdd({ exchange: 'okx', label: 'L', platforms: [], notes: '', tags: [] }, 'form-1');
    await api.formPaste('form-1', 'okx', 'secret');
    await api.keyReplaceCredentials('id1', 'form-2');
    await api.catalogGuide('binance', 'fr', 'bitsgap');

    expect(id).toBe('new-id');
    expect(calls.map(([c]) => c)).toEqual(['key_add', 'form_paste', 'key_replace_credentials', 'catalog_guide']);
    expect(calls[0][1]).toMatchObject({ key: { exchange: 'okx', label: 'L' }, form: 'form-1' });
    expect(calls[1][1]).toMatchObject({ form: 'form-1', exchange: 'okx', field: 'secret' });
    expect(calls[2][1]).toMatchObject({ id: 'id1', form: 'form-2' });
    expect(calls[3][1]).toMatchObject({ exchange: 'binance', platform: 'bitsgap', lang: 'fr' });
  });

  it('never sends a pasted credential from the webview', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    await api.formPaste('form-1', 'binance', 'api_key');
    await api.keyAdd({ exchange: 'binance', label: 'L', platforms: [], notes: '', tags: [] }, 'form-1');
    for (const [, args] of calls) {
      expect(Object.keys(args as object).sort()).not.toContain('value');
      expect(args).not.toHaveProperty('apiKey');
      expect(args).not.toHaveProperty('secret');
    }
  });

  it('delivers event payloads to the typed listeners', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const seen: number[] = [];
    const off = await api.onClipboard((e) => seen.push(e.remaining_s));
    const { emit } = await import('@tauri-apps/api/event');
    await emit('clipboard', { field: 'secret', remaining_s: 7 });
    off();
    expect(seen).toEqual([7]);
  });
});

// Every sentence exists in English, French and Vietnamese, is not empty, parses as ICU, and uses
// the same placeholders in every language.
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from './en.json';
import fr from './fr.json';
import vi from './vi.json';
import catalogSentences from './catalog.json';
import { pickLanguage, warmUpMessages } from '.';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else flatten(v, path).forEach((s, p) => out.set(p, s));
  }
  return out;
}

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if ('value' in el && el.type !== TYPE.literal && typeof el.value === 'string') into.add(el.value);
    if ('options' in el) {
      for (const opt of Object.values(el.options)) placeholders(opt.value, into);
    }
  }
  return into;
}

const langs = { en: flatten(en), fr: flatten(fr), vi: flatten(vi) };

describe('translations', () => {
  for (const [name, strings] of Object.entries(langs)) {
    it(`${name} has exactly the keys of every other language`, () => {
      for (const [other, otherStrings] of Object.entries(langs)) {
        const missing = [...otherStrings.keys()].filter((k) => !strings.has(k));
        expect(missing, `in ${other} but not in ${name}`).toEqual([]);
      }
    });

    it(`${name} has no empty sentence`, () => {
      const empty = [...strings].filter(([, s]) => s.trim() === '').map(([k]) => k);
      expect(empty).toEqual([]);
    });

    it(`${name} sentences are valid ICU messages with the English placeholders`, () => {
      for (const [key, text] of strings) {
        const mine = placeholders(parse(text));
        const english = placeholders(parse(langs.en.get(key) ?? ''));
        expect([...mine].sort(), key).toEqual([...english].sort());
      }
    });
  }

  it('translates every error and paste code of the IPC contract', () => {
    const codes = [
      'wrong_password',
      'vault_modified',
      'vault_corrupt',
      'vault_busy',
      'vault_exists',
      'no_vault',
      'locked',
      'not_found',
      'duplicate_label',
      'invalid_input',
      'paste_invalid',
      'weak_kdf',
      'too_many_attempts',
      'clipboard_unavailable',
      'io',
      'internal',
      // the core's paste codes, shown per field
      'empty',
      'bad_charset',
      'bad_length',
      'same_as_key',
      'swapped',
      'bad_pem',
      'passphrase_required',
      'inner_space',
      'bad_prefix',
      'bad_base64',
      'private_key_in_key_field',
      'pem_not_accepted',
      'key_type_not_accepted',
    ];
    expect(codes.filter((c) => !langs.en.has(`errors.${c}`))).toEqual([]);
  });

  it('French and Vietnamese are real translations, not copies of English', () => {
    // Names, language names and a few words that are the same in French are allowed to match.
    const same = (l: Map<string, string>) =>
      [...l].filter(([k, s]) => s === langs.en.get(k) && !k.startsWith('language.') && s.length > 12);
    expect(same(langs.fr)).toEqual([]);
    expect(same(langs.vi)).toEqual([]);
  });
});

describe('system language', () => {
  it('follows a regional tag to the language Coffre speaks', () => {
    expect(pickLanguage('fr-CA')).toBe('fr');
    expect(pickLanguage('vi-VN')).toBe('vi');
    expect(pickLanguage('en_GB')).toBe('en');
  });

  it('falls back to English for languages Coffre does not speak', () => {
    expect(pickLanguage('de-DE')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });
});

describe('warmUpMessages', () => {
  it('prepares every message of the language, nested sections included', () => {
    for (const [name, strings] of Object.entries(langs)) {
      const fromCatalog = flatten(catalogSentences[name as 'en' | 'fr' | 'vi']).size;
      expect(warmUpMessages(name as 'en' | 'fr' | 'vi')).toBe(strings.size + fromCatalog);
    }
  });
});

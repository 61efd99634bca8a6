// The main screens rendered in French and Vietnamese show no English sentence: every text node is
// scanned for the English words of en.json and of the catalog's sentences (catalog.json). Brands,
// exchange names and identifiers that read the same in every language are allowed.
import { afterEach, describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { locale } from 'svelte-i18n';
import { tick } from 'svelte';
import en from './en.json';
import fr from './fr.json';
import vi from './vi.json';
import catalogSentences from './catalog.json';
import CheckResult from '../components/CheckResult.svelte';
import FirstRun from '../components/FirstRun.svelte';
import KeyList from '../components/KeyList.svelte';
import SafetyOverview from '../components/SafetyOverview.svelte';
import UnlockScreen from '../components/UnlockScreen.svelte';
import GuideChecklist from '../components/GuideChecklist.svelte';
import { session } from '../lib/session.svelte';
import { appStatus, checkReports, guide, keySummaries, safetyOverview } from '../fixtures';

type Tree = { [k: string]: string | Tree };

function strings(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : strings(v)));
}

/** The literal runs of an ICU message (text between its arguments), at least `min` long. */
function literalRuns(message: string, min = 14): string[] {
  return message
    .split(/[{}#]/)
    .map((run) => run.trim())
    .filter((run) => run.length >= min && /[a-z]{3}/.test(run));
}

const english = [...strings(en as Tree), ...strings(catalogSentences.en as Tree)];
// Words that are the same in the translations (brands, identifiers) are no sign of English.
const translated = {
  fr: [...strings(fr as Tree), ...strings(catalogSentences.fr as Tree)],
  vi: [...strings(vi as Tree), ...strings(catalogSentences.vi as Tree)],
};

function englishIn(text: string, lang: 'fr' | 'vi'): string[] {
  const same = translated[lang].join('\n');
  return [...new Set(english.flatMap((m) => literalRuns(m)))].filter(
    (run) => text.includes(run) && !same.includes(run),
  );
}

/** Every text node of the document, and the attributes a reader or screen reader meets. */
function visibleText(): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  for (const el of document.body.querySelectorAll('[placeholder],[aria-label],[title]')) {
    for (const attr of ['placeholder', 'aria-label', 'title']) parts.push(el.getAttribute(attr) ?? '');
  }
  return parts.join('\n').replace(/\s+/g, ' ');
}

afterEach(() => {
  session.keys = [];
});

const screens: [string, () => Promise<void>][] = [
  ['first run', async () => void render(FirstRun)],
  [
    'unlock',
    async () => {
      mockIPC(() => appStatus());
      render(UnlockScreen);
    },
  ],
  [
    'key list',
    async () => {
      session.keys = keySummaries();
      render(KeyList);
    },
  ],
  [
    'empty key list',
    async () => {
      session.keys = [];
      render(KeyList);
    },
  ],
  [
    'check results',
    async () => {
      for (const report of Object.values(checkReports())) render(CheckResult, { report });
    },
  ],
  [
    'safety overview',
    async () => {
      mockIPC(() => safetyOverview());
      render(SafetyOverview);
    },
  ],
  [
    'guide checklist',
    async () => {
      mockIPC(() => guide());
      render(GuideChecklist, { exchange: 'binance', platform: 'bitsgap', platformName: 'Bitsgap' });
    },
  ],
];

describe('screens in French and Vietnamese', () => {
  for (const lang of ['fr', 'vi'] as const) {
    for (const [name, show] of screens) {
      it(`${name} shows no English sentence in ${lang}`, async () => {
        locale.set(lang);
        await show();
        // Let mocked IPC answers and effects settle.
        for (let i = 0; i < 5; i++) await tick();
        await new Promise((resolve) => setTimeout(resolve, 0));
        const text = visibleText();
        // The screen did render in the language (some of its own sentences show).
        expect(translated[lang].some((m) => literalRuns(m).some((run) => text.includes(run)))).toBe(true);
        expect(englishIn(text, lang)).toEqual([]);
      });
    }
  }

  it('catches English when it is there', async () => {
    locale.set('en');
    render(FirstRun);
    await tick();
    expect(englishIn(visibleText(), 'fr').length).toBeGreaterThan(0);
  });
});

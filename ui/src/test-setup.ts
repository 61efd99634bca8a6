// Vitest setup: every test starts with English loaded and no component or Tauri mock left over.
import { afterEach } from 'vitest';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { init, locale } from 'svelte-i18n';
import { clearMocks } from '@tauri-apps/api/mocks';
import { listState } from './lib/list-state.svelte';
import './i18n';

init({ fallbackLocale: 'en', initialLocale: 'en' });

afterEach(() => {
  // Unmount first: components unregister their event listeners through the mock being cleared.
  cleanup();
  clearMocks();
  // The inventory's remembered filters and scroll would leak from one test into the next.
  listState.reset();
  locale.set('en');
});

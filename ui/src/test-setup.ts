// Vitest setup: every test starts with English loaded and no Tauri mock left over.
import { afterEach } from 'vitest';
import '@testing-library/jest-dom/vitest';
import { init, locale } from 'svelte-i18n';
import { clearMocks } from '@tauri-apps/api/mocks';
import './i18n';

init({ fallbackLocale: 'en', initialLocale: 'en' });

afterEach(() => {
  clearMocks();
  locale.set('en');
});

import { describe, expect, it } from 'vitest';
import { mockIPC } from '@tauri-apps/api/mocks';
import { MIN_SCORE, loadScorer, nameWords } from './strength';

describe('master-password strength', () => {
  it('knows the trader’s words: an exchange name and a year is weak', async () => {
    mockIPC((cmd) => {
      if (cmd === 'catalog_exchanges') return [{ id: 'cryptocom', name: 'Crypto.com' }];
      if (cmd === 'catalog_platforms') return [{ id: 'gunbot', name: 'Gunbot' }];
      return null;
    });
    const score = await loadScorer();
    for (const weak of ['Binance2024!', 'Satoshi2025', 'bitcoin123', 'Cryptocom2023!', 'Gunbot2024!']) {
      expect(score(weak), weak).toBeLessThan(MIN_SCORE);
    }
  });

  it('rates a long random passphrase very strong', async () => {
    const score = await loadScorer();
    expect(score('plume-girafe-tonnerre-pivoine-vx81')).toBe(4);
    expect(score('Vq7#mT2z!pL9wR4k')).toBe(4);
  });

  it('gives nothing for an empty field', async () => {
    expect((await loadScorer())('')).toBe(0);
  });

  it('splits catalog names into the forms people type', () => {
    expect(nameWords(['Crypto.com', 'Gate.io'])).toEqual(
      expect.arrayContaining(['crypto.com', 'cryptocom', 'crypto', 'gate.io', 'gateio', 'gate']),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { revealKey, sealForTests } from './sealed-reveal';

describe('sealed reveal', () => {
  it('opens what was sealed to its own key, and nothing sealed to another', async () => {
    const mine = await revealKey();
    const other = await revealKey();
    const sealed = await sealForTests('NhqPtmdSJYdKjVHjA7PZj4Mge3R5', mine.publicKey);
    expect(JSON.stringify(sealed)).not.toContain('NhqPtmdSJYdKjVHjA7PZj4Mge3R5');
    await expect(mine.open(sealed)).resolves.toBe('NhqPtmdSJYdKjVHjA7PZj4Mge3R5');
    await expect(other.open(sealed)).rejects.toThrow();
  });

  it('refuses a tampered answer', async () => {
    const mine = await revealKey();
    const sealed = await sealForTests('secret', mine.publicKey);
    const bytes = Uint8Array.from(atob(sealed.ciphertext), (c) => c.charCodeAt(0));
    bytes[0] ^= 1;
    await expect(mine.open({ ...sealed, ciphertext: btoa(String.fromCharCode(...bytes)) })).rejects.toThrow();
  });
});

// A revealed value arrives sealed to a key only this page holds (src-tauri/sealed_reveal.rs): an
// ephemeral ECDH P-256 pair whose private half WebCrypto never lets out, HKDF-SHA256 of the shared
// secret (empty salt, info "coffre reveal v1") as an AES-256-GCM key. WebKit's UI process, which
// carries the answer, sees only ciphertext; the private key dies with this page's process on lock.
import type { SealedReveal } from './types';

const INFO = new TextEncoder().encode('coffre reveal v1');
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;

const fromB64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

export interface RevealKey {
  /** The raw public point, base64, to send with `key_reveal`. */
  publicKey: string;
  /** Opens the answer sealed to this key. */
  open: (sealed: SealedReveal) => Promise<string>;
}

/** A one-time key pair for one reveal. */
export async function revealKey(subtle: SubtleCrypto = crypto.subtle): Promise<RevealKey> {
  const pair = await subtle.generateKey(CURVE, false, ['deriveKey']);
  const publicKey = toB64(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  return {
    publicKey,
    open: async (sealed) => {
      const theirs = await subtle.importKey('raw', fromB64(sealed.public_key), CURVE, false, []);
      const shared = await subtle.deriveKey(
        { name: 'ECDH', public: theirs },
        pair.privateKey,
        { name: 'HKDF' },
        false,
        ['deriveKey'],
      );
      const key = await subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: INFO },
        shared,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      const plain = await subtle.decrypt(
        { name: 'AES-GCM', iv: fromB64(sealed.nonce) },
        key,
        fromB64(sealed.ciphertext),
      );
      return new TextDecoder().decode(plain);
    },
  };
}

/** Rust's side, for the UI's tests: seals `value` to a page's public key as sealed_reveal.rs does. */
export async function sealForTests(value: string, pagePublicKey: string, subtle: SubtleCrypto = crypto.subtle) {
  const pair = await subtle.generateKey(CURVE, true, ['deriveKey']);
  const page = await subtle.importKey('raw', fromB64(pagePublicKey), CURVE, false, []);
  const shared = await subtle.deriveKey({ name: 'ECDH', public: page }, pair.privateKey, { name: 'HKDF' }, false, [
    'deriveKey',
  ]);
  const key = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: INFO },
    shared,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, new TextEncoder().encode(value)),
  );
  const sealed: SealedReveal = {
    public_key: toB64(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))),
    nonce: toB64(nonce),
    ciphertext: toB64(ciphertext),
  };
  return sealed;
}

// One form's draft in Rust (docs/ipc.md, "Credential fields"): opened on the first paste, saved by
// `key_add` / `key_replace_credentials` / `key_add_generated` with its id, discarded when the form
// is cancelled or leaves the screen. The pasted values stay in Rust throughout.
import * as api from './api';

export interface PasteForm {
  /** The draft's id, opening it on first use. */
  id: () => Promise<string>;
  /** Forgets the draft (cancel, lock, leaving the screen); a new one opens on the next paste. */
  discard: () => void;
}

export function pasteForm(): PasteForm {
  let pending: Promise<string> | null = null;
  return {
    id: () => (pending ??= api.formOpen()),
    discard: () => {
      const was = pending;
      pending = null;
      void was?.then(api.formDiscard).catch(() => undefined);
    },
  };
}

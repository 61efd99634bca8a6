// The main screen's keyboard shortcuts, as a pure function of the key event so they are testable
// and the same everywhere they are shown (title, aria-keyshortcuts, the hint under the list).
export type Shortcut = 'search' | 'add' | 'lock';

/** Typing in a field must not trigger the one-key shortcuts ("/" and "a" are ordinary characters there). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function shortcutFor(e: KeyboardEvent): Shortcut | null {
  if (e.altKey || e.defaultPrevented) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (ctrl && !e.shiftKey) {
    if (key === 'l') return 'lock';
    if (key === 'f') return 'search';
    if (key === 'n') return 'add';
    return null;
  }
  if (ctrl || typing(e.target)) return null;
  if (e.key === '/') return 'search';
  if (key === 'a' && !e.shiftKey) return 'add';
  return null;
}

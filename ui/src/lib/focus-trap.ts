// One behaviour for every modal dialog: it takes focus when it opens, Tab and Shift+Tab cycle inside
// it (the page behind is unreachable), Escape closes it, and focus goes back to whatever had it before.
import type { Action } from 'svelte/action';

export type FocusTrapOptions = {
  /** Called on Escape; leave out (or return without closing) while the dialog must stay, e.g. busy. */
  onescape?: () => void;
  /** The element to focus first; else the first `[data-autofocus]`, else the first focusable one. */
  initial?: HTMLElement | null;
  /** Where focus goes on close when what had it before is gone (a menu item closed by opening this). */
  returnTo?: HTMLElement | null;
};

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements Tab can reach inside `root`, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.hasAttribute('inert') && el.getAttribute('aria-hidden') !== 'true',
  );
}

/** Open dialogs, innermost last: only that one pulls focus back (a confirmation over a dialog). */
const open: HTMLElement[] = [];
const innermost = (node: HTMLElement) => open[open.length - 1] === node;

export const focusTrap: Action<HTMLElement, FocusTrapOptions | undefined> = (node, options) => {
  let opts = options ?? {};
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (!node.hasAttribute('tabindex')) node.setAttribute('tabindex', '-1');
  open.push(node);

  const first = () =>
    opts.initial ?? node.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(node)[0] ?? node;
  first().focus();

  function onkeydown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      // The dialog handles Escape; nothing behind it (a menu, the list's shortcuts) should too.
      e.stopPropagation();
      e.preventDefault();
      opts.onescape?.();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusables(node);
    if (items.length === 0) {
      e.preventDefault();
      node.focus();
      return;
    }
    const head = items[0];
    const tail = items[items.length - 1];
    const active = document.activeElement;
    const inside = active instanceof Node && node.contains(active);
    if (e.shiftKey && (active === head || active === node || !inside)) {
      e.preventDefault();
      tail.focus();
    } else if (!e.shiftKey && (active === tail || !inside)) {
      e.preventDefault();
      head.focus();
    }
  }

  // A click on the backdrop or a focus moved away by code must not leave focus behind the dialog.
  function onfocusin(e: FocusEvent) {
    if (!innermost(node)) return;
    if (e.target instanceof Node && !node.contains(e.target)) first().focus();
  }

  node.addEventListener('keydown', onkeydown);
  document.addEventListener('focusin', onfocusin);
  // Escape pressed while focus is, for a moment, nowhere (body) still closes the dialog.
  function onwindowkey(e: KeyboardEvent) {
    if (innermost(node) && e.key === 'Escape' && !(e.target instanceof Node && node.contains(e.target))) {
      e.preventDefault();
      opts.onescape?.();
    }
  }
  window.addEventListener('keydown', onwindowkey);

  return {
    update(next) {
      opts = next ?? {};
    },
    destroy() {
      open.splice(open.indexOf(node), 1);
      node.removeEventListener('keydown', onkeydown);
      document.removeEventListener('focusin', onfocusin);
      window.removeEventListener('keydown', onwindowkey);
      // Back to where the user was, if that element is still on the page; else to the owner's choice.
      const back = before && before !== document.body && before.isConnected ? before : opts.returnTo;
      if (back && back.isConnected) back.focus();
    },
  };
};

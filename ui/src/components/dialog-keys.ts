// What every dialog's test checks from the keyboard (issue 14, "Keyboard"): it is a modal named by
// its title, focus is inside it, Tab and Shift+Tab go round inside it, Escape closes it and focus
// goes back to `opener`.
import { expect } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/svelte';
import { focusables } from '../lib/focus-trap';

/** Modal, labelled by its (non-empty) title, and holding the focus. */
export function expectModalWithFocus(dialog: HTMLElement): void {
  expect(dialog).toHaveAttribute('aria-modal', 'true');
  expect(['dialog', 'alertdialog']).toContain(dialog.getAttribute('role'));
  const title = document.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
  expect(title && dialog.contains(title)).toBe(true);
  expect(title?.textContent?.trim()).not.toBe('');
  expect(dialog.contains(document.activeElement)).toBe(true);
}

/** Tab from the last control comes back to the first, Shift+Tab from the first goes to the last. */
export async function expectTabStaysInside(dialog: HTMLElement): Promise<void> {
  const items = focusables(dialog);
  expect(items.length).toBeGreaterThan(0);
  const [head, tail] = [items[0], items[items.length - 1]];
  tail.focus();
  await fireEvent.keyDown(tail, { key: 'Tab' });
  expect(document.activeElement).toBe(head);
  await fireEvent.keyDown(head, { key: 'Tab', shiftKey: true });
  expect(document.activeElement).toBe(tail);
}

/** Escape (from inside the dialog) closes it, and focus is back on `opener`. */
export async function expectEscapeClosesAndReturns(testid: string, opener: HTMLElement): Promise<void> {
  const active = document.activeElement ?? document.body;
  await fireEvent.keyDown(active, { key: 'Escape' });
  await waitFor(() => expect(document.querySelector(`[data-testid="${testid}"]`)).toBeNull());
  expect(document.activeElement).toBe(opener);
}

/** A button outside the component, focused, standing for whatever opened the dialog. */
export function focusedOpener(): HTMLButtonElement {
  const opener = document.createElement('button');
  opener.textContent = 'opener';
  document.body.append(opener);
  opener.focus();
  return opener;
}

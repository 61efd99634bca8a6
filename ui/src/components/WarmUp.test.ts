import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import WarmUp from './WarmUp.svelte';

afterEach(() => {
  vi.useRealTimers();
});

describe('WarmUp', () => {
  it('lays out a hidden sample row once the unlock request has left, then removes it', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    const drawn: Element[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records)
        r.addedNodes.forEach((n) => n instanceof Element && n.matches('.warm-up') && drawn.push(n));
    });
    observer.observe(document.body, { childList: true, subtree: true });

    const { container } = render(WarmUp);
    await vi.advanceTimersByTimeAsync(50);
    expect(drawn).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(100);
    observer.disconnect();
    expect(drawn).toHaveLength(1);
    const [sample] = drawn;
    expect(sample.getAttribute('aria-hidden')).toBe('true');
    expect(sample.hasAttribute('inert')).toBe(true);
    expect(sample.querySelector('[data-testid="key-row"]')).not.toBeNull();
    expect(sample.querySelector('[data-testid="search"]')).not.toBeNull();
    // Gone again: nothing for the user, a screen reader or a test to find.
    expect(container.querySelector('.warm-up')).toBeNull();
    expect(calls).toEqual([]);
  });
});

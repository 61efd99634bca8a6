import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import GuideChecklist from './GuideChecklist.svelte';
import { guide } from '../fixtures';

describe('GuideChecklist', () => {
  it('numbers the steps, words each once, and counts the ones ticked off', async () => {
    const items = guide().items;
    mockIPC((cmd) => (cmd === 'catalog_guide' ? guide() : null));
    render(GuideChecklist, { exchange: 'binance', platform: 'bitsgap', platformName: 'Bitsgap' });

    const rows = await screen.findAllByTestId('guide-item');
    expect(rows).toHaveLength(items.length);
    rows.forEach((row, i) => {
      expect(row.textContent).toMatch(new RegExp(`^\\s*${i + 1}\\.\\s`));
      expect(row.textContent).toContain(items[i].text);
    });
    // The catalog's sentence carries the verb: no "Tick: Tick …".
    const tick = rows[items.findIndex((i) => i.action === 'enable')];
    expect(tick.textContent).toMatch(/\d\.\s*✓\s*Tick “/);
    expect(tick.textContent).not.toMatch(/Tick:/);

    const progress = screen.getByTestId('guide-progress');
    expect(progress).toHaveTextContent(`0 of ${items.length} done`);
    const boxes = screen.getAllByTestId('guide-tick');
    await fireEvent.click(boxes[0]);
    await fireEvent.click(boxes[2]);
    expect(progress).toHaveTextContent(`2 of ${items.length} done`);
    await fireEvent.click(boxes[0]);
    await waitFor(() => expect(progress).toHaveTextContent(`1 of ${items.length} done`));
  });

  it('shows notes (things to know) where they matter, neither numbered, nor tickable, nor counted', async () => {
    const base = guide();
    const note = { action: 'info' as const, text: 'Binance may delete a key unused for 30 days.', note: true };
    // A note after the fifth line, as the catalog puts an expiry rule after the IP step.
    const items = [...base.items.slice(0, 5), note, ...base.items.slice(5)];
    mockIPC((cmd) => (cmd === 'catalog_guide' ? { ...base, items } : null));
    render(GuideChecklist, { exchange: 'binance', platform: 'bitsgap', platformName: 'Bitsgap' });

    const notes = await screen.findAllByTestId('guide-note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toHaveTextContent(note.text);
    expect(notes[0].querySelector('input')).toBeNull();
    expect(notes[0].textContent).not.toMatch(/\d\./);
    expect(notes[0].querySelector('[aria-label="Good to know"]')).not.toBeNull();

    // Steps are numbered 1…n without a gap where the note is, and the note is not in the total.
    const rows = screen.getAllByTestId('guide-item');
    expect(rows).toHaveLength(base.items.length);
    expect(rows.map((r) => r.textContent?.trim().match(/^(\d+)\./)?.[1])).toEqual(
      base.items.map((_, i) => String(i + 1)),
    );
    expect(rows[4].nextElementSibling).toBe(notes[0]);
    const progress = screen.getByTestId('guide-progress');
    expect(progress).toHaveTextContent(`0 of ${base.items.length} done`);
    for (const box of screen.getAllByTestId('guide-tick')) await fireEvent.click(box);
    expect(progress).toHaveTextContent(`${base.items.length} of ${base.items.length} done`);
  });
});

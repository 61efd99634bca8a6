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
});

import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

const base = { count: 1000, rowHeight: 50, listTop: 100, viewportHeight: 600, overscan: 5 };

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan below when the list starts on screen', () => {
    // Rows 0..10 are visible (500 px of list in a 600 px viewport starting 100 px down).
    expect(rowWindow(base)).toEqual({ start: 0, end: 15 });
  });

  it('follows the scroll and keeps overscan on both sides', () => {
    // Scrolled so the list's top is 5,000 px above the viewport: rows 100..112 are in view.
    expect(rowWindow({ ...base, listTop: -5000 })).toEqual({ start: 95, end: 117 });
  });

  it('never goes past either end of the list', () => {
    expect(rowWindow({ ...base, listTop: -49_900 })).toEqual({ start: 993, end: 1000 });
    expect(rowWindow({ ...base, listTop: -99_999 })).toEqual({ start: 1000, end: 1000 });
    expect(rowWindow({ ...base, listTop: 10_000 })).toEqual({ start: 0, end: 0 });
  });

  it('renders everything when the list is short', () => {
    expect(rowWindow({ ...base, count: 3 })).toEqual({ start: 0, end: 3 });
    expect(rowWindow({ ...base, count: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('survives a row height of zero (nothing measured yet)', () => {
    const w = rowWindow({ ...base, rowHeight: 0 });
    expect(w.start).toBe(0);
    expect(w.end).toBeLessThanOrEqual(1000);
  });
});

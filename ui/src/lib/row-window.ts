// Which rows of a long list to put in the DOM. The inventory can hold thousands of keys; drawing
// only the rows near the viewport keeps unlock-to-inventory fast and the web process small.

export interface RowWindow {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
}

export interface RowWindowInput {
  count: number;
  /** Height of one row in px; every row has the same height. */
  rowHeight: number;
  /** The list's top edge relative to the viewport's top, in px (negative once scrolled past). */
  listTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge so fast scrolling and Tab never land on a blank. */
  overscan: number;
}

export function rowWindow({ count, rowHeight, listTop, viewportHeight, overscan }: RowWindowInput): RowWindow {
  if (count <= 0) return { start: 0, end: 0 };
  const height = Math.max(rowHeight, 1);
  const firstVisible = Math.floor(-listTop / height);
  const lastVisible = Math.ceil((viewportHeight - listTop) / height);
  const start = clamp(firstVisible - overscan, 0, count);
  const end = clamp(lastVisible + overscan, start, count);
  return { start, end };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

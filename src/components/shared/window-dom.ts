/** DOM reads of the virtual window: finding rendered rows by key and by position. */

/** The rendered row with `key` among the direct children of `rows`, or null. */
export function rowByKey(rows: HTMLElement, key: string): HTMLElement | null {
  return rows.querySelector<HTMLElement>(`:scope > [data-vkey="${CSS.escape(key)}"]`);
}

/**
 * The first row whose bottom is below `y` (viewport coordinates), else the last row. Rows are in
 * vertical order, so this is a binary search: a naive render of thousands stays cheap.
 */
export function firstRowBelow(rows: HTMLElement, y: number): HTMLElement | undefined {
  const children = rows.children;
  let lo = 0;
  let hi = children.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (children[mid]!.getBoundingClientRect().bottom > y) hi = mid;
    else lo = mid + 1;
  }
  return (children[lo] ?? children[children.length - 1]) as HTMLElement | undefined;
}

/** Keys of the first and last rows at least partly inside `scroller`'s box, or null. */
export function visibleKeys(scroller: HTMLElement, rows: HTMLElement): { first: string; last: string } | null {
  const box = scroller.getBoundingClientRect();
  const seen = ([...rows.children] as HTMLElement[]).filter((row) => {
    const r = row.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  });
  if (seen.length === 0) return null;
  return { first: seen[0]!.dataset.vkey ?? '', last: seen.at(-1)!.dataset.vkey ?? '' };
}

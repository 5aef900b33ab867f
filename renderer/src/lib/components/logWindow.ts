/**
 * The event log draws only the rows in view (a burst of fills adds hundreds
 * of entries a second; laying out every kept entry each frame was most of
 * the page's layout work). Pure: which rows to draw, and where to scroll so
 * a reader of older entries keeps them in view while new ones arrive on top.
 */

/** Rows drawn beyond the viewport on each side, so a scroll shows no gap. */
export const LOG_OVERSCAN = 4;

/** The first (inclusive) and last (exclusive) rows to draw. */
export function rowWindow(
  count: number,
  scrollTop: number,
  height: number,
  rowHeight: number,
  overscan = LOG_OVERSCAN,
): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/**
 * Where to scroll after the log changed from `before` to `after` (ids, newest
 * first), so the entry at the top of the view stays there. At the top (the
 * newest entry in view) the view follows the new entries; when the entry
 * left the log (pushed out by the limit), the view stays where it is.
 */
export function anchoredScroll(
  before: readonly string[],
  after: readonly string[],
  scrollTop: number,
  rowHeight: number,
): number {
  if (scrollTop <= 0) return scrollTop;
  const index = Math.floor(scrollTop / rowHeight);
  const id = before[index];
  if (id === undefined) return scrollTop;
  const now = after.indexOf(id);
  return now < 0 ? scrollTop : scrollTop + (now - index) * rowHeight;
}

/**
 * Which lines keep their label on the price axis. The library stacks labels
 * that would overlap; with dozens of orders a few ticks apart the stack
 * runs off the plot and shows prices no line has. A few stacked labels are
 * fine (each still names its line): a label is kept while fewer than
 * `stack` labels kept before it lie within `stack` label heights of it,
 * the more important lines first (the position, then alerts, then orders
 * nearest the market). A line without its label still has its handle and
 * is named in the chart's contents.
 */

/** A line as the axis sees it: `y` in pixels, null when off the plot. */
export interface AxisLine {
  id: string;
  y: number | null;
  /** Lower first. */
  rank: number;
}

/** Labels stacked at most in one place. */
export const LABEL_STACK = 4;

/** The ids of the lines whose labels fit: at most `stack` within `stack` x `gap` pixels. */
export function labelsThatFit(
  lines: readonly AxisLine[],
  gap: number,
  stack = LABEL_STACK,
): Set<string> {
  const order = [...lines]
    .map((l, i) => ({ ...l, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  const kept: number[] = [];
  const ids = new Set<string>();
  const reach = gap * stack;
  for (const line of order) {
    if (line.y === null) continue;
    const y = line.y;
    if (kept.filter((k) => Math.abs(k - y) < reach).length >= stack) continue;
    kept.push(y);
    ids.add(line.id);
  }
  return ids;
}

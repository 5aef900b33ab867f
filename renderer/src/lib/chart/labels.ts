/**
 * Which lines keep their label on the price axis. The library stacks labels
 * that would overlap; with dozens of orders a few ticks apart the stack
 * runs off the plot and shows prices no line has. A label is kept only
 * where it fits: the more important lines first (the position, then alerts,
 * then orders nearest the market), each at least a label's height from
 * every label kept before it. A line without its label still has its
 * handle and is named in the chart's contents.
 */

/** A line as the axis sees it: `y` in pixels, null when off the plot. */
export interface AxisLine {
  id: string;
  y: number | null;
  /** Lower first. */
  rank: number;
}

/** The ids of the lines whose labels fit, `gap` pixels apart at least. */
export function labelsThatFit(lines: readonly AxisLine[], gap: number): Set<string> {
  const order = [...lines]
    .map((l, i) => ({ ...l, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  const kept: number[] = [];
  const ids = new Set<string>();
  for (const line of order) {
    if (line.y === null) continue;
    const y = line.y;
    if (kept.some((k) => Math.abs(k - y) < gap)) continue;
    kept.push(y);
    ids.add(line.id);
  }
  return ids;
}

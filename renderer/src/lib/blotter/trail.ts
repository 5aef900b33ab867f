/**
 * Trailing stops as the Working blotter shows them: which orders can trail,
 * the Trail column (the distance of the order's active trail), and what the
 * trail editor starts with (the typed distance is read by tools/trailDistance.ts,
 * as the ticket reads it).
 */
import { formatStopDistance } from '../../../../shared/domain';
import type { OrderRow, TrailingStop, TrailDistance as Distance } from '../../../../shared/ipc';
import type { TrailUnit } from '../tools/trailDistance';
import type { Column } from './column';

/** The active trail of each order (ended trails no longer move anything, so they are not shown). */
export function activeTrails(stops: readonly TrailingStop[]): ReadonlyMap<number, TrailingStop> {
  // A fresh map per tools state: derived data, never mutated after this.
  const byOrder = new Map<number, TrailingStop>();
  for (const stop of stops) if (stop.state === 'trailing') byOrder.set(stop.orderId, stop);
  return byOrder;
}

/** What the editor starts with for an order: its trail's distance, else 20 ticks. */
export function trailDraft(distance: Distance | undefined): { text: string; unit: TrailUnit } {
  if (!distance) return { text: '20', unit: 'ticks' };
  return distance.kind === 'ticks'
    ? { text: String(distance.ticks), unit: 'ticks' }
    : { text: String(distance.percent), unit: 'percent' };
}

/** Sort key of a distance: ticks before percent, then by size; no trail last. */
function compareDistances(a: Distance | undefined, b: Distance | undefined): number {
  if (a === b) return 0;
  if (!a) return b ? 1 : 0;
  if (!b) return -1;
  if (a.kind !== b.kind) return a.kind === 'ticks' ? -1 : 1;
  return a.kind === 'ticks' && b.kind === 'ticks'
    ? a.ticks - b.ticks
    : (a.kind === 'percent' ? a.percent : 0) - (b.kind === 'percent' ? b.percent : 0);
}

/** The Trail column: the distance of the order's active trail, blank when it has none. */
export function trailColumn(
  distanceOf: (orderId: number) => Distance | undefined,
): Column<OrderRow> {
  const text = (row: OrderRow): string | null => {
    const distance = distanceOf(row.orderId);
    return distance ? formatStopDistance(distance) : null;
  };
  return {
    id: 'trail',
    header: 'Trail',
    accessor: text,
    kind: 'text',
    format: (row) => text(row) ?? '',
    compare: (a, b) => compareDistances(distanceOf(a.orderId), distanceOf(b.orderId)),
    width: 84,
    align: 'right',
  };
}

/**
 * Trailing stops as the Working blotter shows them: which orders can trail,
 * the Trail column (the distance of the order's active trail), and the
 * distance the user types, checked before anything is sent to main.
 */
import { formatStopDistance, isWorkingStatus } from '../../../../shared/domain';
import {
  TrailDistance,
  type OrderRow,
  type TrailingStop,
  type TrailDistance as Distance,
} from '../../../../shared/ipc';
import type { Column } from './column';

/** The unit a distance is typed in. */
export type TrailUnit = Distance['kind'];

/** The largest distances main accepts (shared/ipc/tools.ts). */
const MAX_TICKS = 1_000_000;
const MAX_PERCENT = 50;

/**
 * True when main would trail this order: a working STOP order that has not
 * triggered. A STOP_LIMIT is left out because main refuses it (moving the stop
 * would leave its limit behind).
 */
export function canTrail(row: OrderRow): boolean {
  return row.type === 'STOP' && !row.triggered && isWorkingStatus(row.status);
}

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

/** A typed distance: the value to send, or the message saying what is wrong. */
export type ParsedTrail = { ok: true; distance: Distance } | { ok: false; error: string };

/** Reads a typed distance in `unit`, with the limits main enforces. */
export function parseTrailDistance(text: string, unit: TrailUnit): ParsedTrail {
  const trimmed = text.trim();
  // Number('') is 0 and Number('1e3') is 1000: accept plain decimals only.
  const n = /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  const candidate =
    unit === 'ticks' ? { kind: 'ticks', ticks: n } : { kind: 'percent', percent: n };
  const parsed = TrailDistance.safeParse(candidate);
  if (parsed.success) return { ok: true, distance: parsed.data };
  return {
    ok: false,
    error:
      unit === 'ticks'
        ? `Trail distance: enter whole ticks from 1 to ${MAX_TICKS.toLocaleString('en-US')}`
        : `Trail distance: enter a percent above 0, at most ${MAX_PERCENT}`,
  };
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

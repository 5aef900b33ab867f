/**
 * The Working blotter's view state: main's working orders and, once it follows
 * the tools' state, a Trail column with the distance of each order's active
 * trailing stop. Without the tools the blotter has no Trail column at all (and
 * none in its CSV export).
 */
import type { OrderRow, TrailingStop } from '../../../../shared/ipc';
import { BlotterState, type BlotterBaseOptions } from './blotter.svelte';
import type { Column } from './column';
import type { RowDelta } from '../state/row-store.svelte';
import { activeTrails, trailColumn } from './trail';

/** Whatever holds main's tool state (the renderer's ToolsUi). */
export interface TrailSource {
  readonly state: { readonly trailingStops: readonly TrailingStop[] };
}

/** Where the Trail column's data comes from, and the columns with or without it. */
class TrailSources {
  source = $state.raw<TrailSource | null>(null);
  readonly byOrder = $derived(activeTrails(this.source?.state.trailingStops ?? []));
  readonly #base: readonly Column<OrderRow>[];
  readonly #trail = trailColumn((orderId) => this.byOrder.get(orderId)?.distance);
  /** The Trail column sits beside the Stop it moves (else after the last column). */
  readonly columns = $derived.by(() => {
    if (!this.source) return this.#base;
    const at = this.#base.findIndex((c) => c.id === 'stopPrice') + 1 || this.#base.length;
    return [...this.#base.slice(0, at), this.#trail, ...this.#base.slice(at)];
  });

  constructor(base: readonly Column<OrderRow>[]) {
    this.#base = base;
  }
}

export class WorkingBlotterState extends BlotterState<OrderRow, number> {
  readonly #trails: TrailSources;

  constructor(
    options: Omit<BlotterBaseOptions<OrderRow, number>, 'columns'> & {
      columns: readonly Column<OrderRow>[];
      source: () => readonly OrderRow[];
      delta?: (source: readonly OrderRow[]) => RowDelta<OrderRow> | null;
    },
  ) {
    const trails = new TrailSources(options.columns);
    const sortedByTrail: { now: () => boolean } = { now: () => false };
    super({
      ...options,
      columns: () => trails.columns,
      // Patching the last sorted rows assumes unchanged rows keep their order; sorted by
      // Trail, a trail's change reorders rows whose order objects did not change.
      delta: (rows) => (sortedByTrail.now() ? null : (options.delta?.(rows) ?? null)),
    });
    sortedByTrail.now = () => this.sort?.columnId === 'trail';
    this.#trails = trails;
  }

  /** Shows the Trail column from `source`'s trailing stops (reactively); null hides it. */
  followTrails(source: TrailSource | null): void {
    this.#trails.source = source;
  }

  /** Whether the blotter follows the tools (so shows trails and offers to start them). */
  get tracksTrails(): boolean {
    return this.#trails.source !== null;
  }

  /** The active trailing stop of an order, if any. */
  trailOf(orderId: number): TrailingStop | undefined {
    return this.#trails.byOrder.get(orderId);
  }
}

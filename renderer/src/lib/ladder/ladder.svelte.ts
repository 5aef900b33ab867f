/**
 * The depth ladder's view state: which symbol, how many rows and how many
 * ticks each (remembered per instrument), where the centre is (following the
 * market unless the user scrolled), the focused row for the keyboard, the
 * chosen size; and its actions, sent through the tools' one door (one-click,
 * confirmation, limits).
 */
import type { OrderRow } from '../../../../shared/ipc';
import type { AppState } from '../state/app.svelte';
import type { ToolsUi } from '../tools/tools.svelte';
import {
  bestRows,
  ladderRows,
  ladderStep,
  marketCentre,
  nextCentre,
  rowOf,
  sizePresets,
  type LadderRow,
} from './ladder';

/** Rows the ladder shows. */
const LADDER_ROWS = 21;
/** Depth levels asked for a side (more than the ladder shows, for scrolling). */
const DEPTH_LEVELS = 30;

export class LadderState {
  symbol = $state('');
  /** The tick at the ladder's middle row (null: no market yet). */
  centre = $state<number | null>(null);
  /** True after the user scrolled: the centre stays until they re-centre. */
  held = $state(false);
  /** The keyboard's row (index into rows). */
  focused = $state(Math.floor(LADDER_ROWS / 2));
  /** The chosen quantity (null: the instrument's default). */
  size = $state<number | null>(null);
  /** Ticks per row (1: a row per price). */
  step = $state(1);
  readonly #app: AppState;
  readonly #tools: ToolsUi;
  /** The rows shown now: unchanged rows are kept as the same objects (see `ladderRows`). */
  #shown: readonly LadderRow[] = [];

  constructor(app: AppState, tools: ToolsUi) {
    this.#app = app;
    this.#tools = tools;
  }

  readonly instrument = $derived.by(() => this.#app.market.instrument(this.symbol));
  readonly book = $derived.by(() => this.#tools.depth.get(this.symbol) ?? null);
  /** False when the server has no depth: the ladder shows the top of book only. */
  readonly hasDepth = $derived.by(() => this.#tools.depthSupported.get(this.symbol) !== false);
  readonly top = $derived.by(() => {
    const q = this.#app.market.quotes.get(this.symbol);
    return { bid: q?.bid ?? null, ask: q?.ask ?? null, last: q?.last ?? null };
  });
  readonly working = $derived.by(() =>
    this.#app.trading.working.filter((o: OrderRow) => o.symbol === this.symbol),
  );
  readonly presets = $derived.by(() => {
    const inst = this.instrument;
    const base = this.#tools.defaultQty(this.symbol);
    return inst && base !== null ? sizePresets(base, inst.qtyPrecision) : [];
  });
  /** The quantity a click sends. */
  readonly quantity = $derived(this.size ?? this.presets[0] ?? null);
  readonly rows: LadderRow[] = $derived.by(() => {
    const inst = this.instrument;
    if (!inst || this.centre === null) return [];
    const rows = ladderRows(
      {
        centre: this.centre,
        rows: LADDER_ROWS,
        rules: inst,
        book: this.book,
        top: this.top,
        working: this.working,
        step: this.step,
      },
      this.#shown,
    );
    this.#shown = rows;
    return rows;
  });

  /** Follows the market (called when a book or quote arrives). */
  follow(): void {
    const inst = this.instrument;
    if (!inst) return;
    this.centre = nextCentre(
      this.centre,
      marketCentre(this.book, this.top, inst),
      LADDER_ROWS,
      this.held,
      this.step,
      bestRows(this.book, this.top, inst, this.step),
    );
  }

  /** Sets the ticks per row (remembered for the instrument); the centre keeps its place. */
  setStep(step: number): void {
    this.step = ladderStep(step);
    this.#app.settings.setLayout(stepKey(this.symbol), this.step);
    if (this.centre !== null) this.centre = rowOf(this.centre, this.step, 'nearest');
    this.follow();
  }

  /** Shows another symbol (stops the old depth stream, starts the new one). */
  async show(symbol: string): Promise<void> {
    if (symbol === this.symbol) return;
    const old = this.symbol;
    this.symbol = symbol;
    this.centre = null;
    this.held = false;
    this.size = null;
    this.step = ladderStep(this.#app.settings.layoutValue(stepKey(symbol), 1));
    if (old) void this.#tools.unwatchDepth(old);
    if (symbol) await this.#tools.watchDepth(symbol, DEPTH_LEVELS);
    this.follow();
  }

  /** Stops the depth stream. */
  async close(): Promise<void> {
    if (this.symbol) await this.#tools.unwatchDepth(this.symbol);
  }

  /** Scrolls by `rows` (positive: up to higher prices); the centre then stays. */
  scroll(rows: number): void {
    if (this.centre === null) return;
    this.centre += rows * this.step;
    this.held = true;
  }

  /** Back onto the market, following it again. */
  recentre(): void {
    this.held = false;
    this.centre = null;
    this.follow();
    this.focused = Math.floor(LADDER_ROWS / 2);
  }

  /** Moves the keyboard's row; past an edge the ladder scrolls. */
  moveFocus(by: number): void {
    const next = this.focused + by;
    if (next < 0) this.scroll(-next);
    else if (next >= LADDER_ROWS) this.scroll(LADDER_ROWS - 1 - next);
    this.focused = Math.min(LADDER_ROWS - 1, Math.max(0, next));
  }

  /** A limit order at a row's price: the bid column buys, the ask column sells. */
  async limitAt(row: LadderRow, side: 'BUY' | 'SELL'): Promise<void> {
    const quantity = this.quantity;
    if (quantity === null) return;
    await this.#tools.quickOrder({
      symbol: this.symbol,
      side,
      type: 'LIMIT',
      price: row.price,
      quantity,
    });
  }

  /** A market order of the chosen size. */
  async market(side: 'BUY' | 'SELL'): Promise<void> {
    const quantity = this.quantity;
    if (quantity === null) return;
    await this.#tools.quickOrder({ symbol: this.symbol, side, type: 'MARKET', quantity });
  }

  /** Cancels the trader's orders at a row's price. */
  async cancelAt(row: LadderRow): Promise<void> {
    if (!row.own) return;
    await this.#tools.quickCancel(
      row.own.orderIds,
      `${row.own.count} order${row.own.count === 1 ? '' : 's'} at ${row.price}`,
    );
  }
}

/** The settings key of an instrument's ladder step. */
function stepKey(symbol: string): string {
  return `ladder.step.${symbol}`;
}

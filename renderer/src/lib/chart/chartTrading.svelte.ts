/**
 * Trading from the chart: moving an order line to a new price, by dragging
 * it or with the keys (snapped to the tick, Escape puts it back, the
 * confirmation setting applies, a refusal puts the line back and says why),
 * moving a price alert's line the same way (no confirmation: nothing trades),
 * cancelling from a line, and the context menu's orders: in one-click mode
 * sent at once through the tools' `quickOrder()` (so one-click, confirmation
 * and the safety-limit override work as on the ladder), otherwise pre-filled
 * into the order ticket for the user to check and send.
 */
import { SvelteMap } from 'svelte/reactivity';
import { formatPrice, type Instrument } from '../../../../shared/domain';
import type { PlaceOrderInput } from '../../../../shared/ipc';
import type { AppState } from '../state/app.svelte';
import { quickOrder } from '../tools/quickOrder';
import type { ToolsUi } from '../tools/tools.svelte';
import { snapToTick, stepTicks, type LineSpec, type PriceField } from './overlays';

/** A line being moved (by the pointer or the keys): where it started and where it is now. */
export interface LineDrag {
  line: LineSpec;
  price: number;
  /** Moved with the keys: the panel says where it is and what Enter and Escape do. */
  keys?: boolean;
}

/** What a context-menu choice did: sent at once (one-click) or filled the ticket in. */
export type MenuOutcome = 'sent' | 'ticket';

/** A modify waiting for the user's yes. */
export interface PendingMove {
  orderId: number;
  field: PriceField;
  from: number;
  price: number;
  summary: string;
}

type Tick = Pick<Instrument, 'tickSize' | 'pricePrecision'>;

export class ChartTrading {
  /** The line under the pointer's drag, or null. */
  drag = $state.raw<LineDrag | null>(null);
  /** A move waiting for confirmation (the setting asks for one). */
  confirming = $state.raw<PendingMove | null>(null);
  /** The last chart action's outcome, shown in the panel. */
  message = $state.raw<{ kind: 'info' | 'error'; text: string } | null>(null);
  /** Prices of lines sent to the exchange but not yet confirmed by an order update, by line id. */
  readonly #sent = new SvelteMap<string, number>();
  readonly #app: AppState;
  readonly #tools: Pick<ToolsUi, 'oneClick' | 'defaultQty' | 'moveAlert'>;

  constructor(app: AppState, tools: Pick<ToolsUi, 'oneClick' | 'defaultQty' | 'moveAlert'>) {
    this.#app = app;
    this.#tools = tools;
  }

  /** The lines as drawn: a dragged line at the pointer, a sent one at its new price until the order says so. */
  place(lines: readonly LineSpec[]): LineSpec[] {
    const drag = this.drag;
    return lines.map((line) => {
      if (drag && drag.line.id === line.id) return { ...line, price: drag.price };
      const sent = this.#sent.get(line.id);
      if (sent === undefined || heldPrice(line) === sent) return line;
      return { ...line, price: sent };
    });
  }

  /** Forgets sent prices the orders and alerts now carry (or whose lines are gone). */
  settle(lines: readonly LineSpec[]): void {
    for (const [id, price] of this.#sent) {
      const line = lines.find((l) => l.id === id);
      if (!line || heldPrice(line) === price) this.#sent.delete(id);
    }
  }

  /** Starts dragging an order's or an alert's line. */
  startDrag(line: LineSpec): void {
    if (!line.order && !line.alert) return;
    this.drag = { line, price: line.price };
  }

  /** Moves the dragged line to the tick nearest `price`. */
  moveDrag(price: number, inst: Tick): void {
    if (this.drag) this.drag = { ...this.drag, price: snapToTick(price, inst) };
  }

  /**
   * The keys move an order's or an alert's line `ticks` ticks from where it is
   * drawn (up is positive); nothing is sent until `endDrag` (Enter). Moving
   * another line than the one being moved puts that one back first.
   */
  nudge(line: LineSpec, ticks: number, inst: Tick): void {
    if (!line.order && !line.alert) return;
    const drag = this.drag?.line.id === line.id ? this.drag : { line, price: line.price };
    this.drag = { ...drag, price: stepTicks(drag.price, ticks, inst), keys: true };
  }

  /** Escape: the line goes back, nothing is sent. */
  cancelDrag(): void {
    this.drag = null;
  }

  /** Drops the line: sends the modify (or asks first when the setting says so); no move, nothing sent. */
  async endDrag(inst: Tick): Promise<void> {
    const drag = this.drag;
    this.drag = null;
    if (!drag || drag.price === drag.line.price) return;
    if (drag.line.alert) return this.#moveAlert(drag.line, drag.line.alert, drag.price, inst);
    const order = drag.line.order;
    if (!order) return;
    const move: PendingMove = {
      orderId: order.orderId,
      field: order.field,
      from: drag.line.price,
      price: drag.price,
      summary: `Move ${drag.line.title} (order ${order.orderId}) from ${formatPrice(drag.line.price, inst)} to ${formatPrice(drag.price, inst)}`,
    };
    if (this.#app.settings.confirmOrders) {
      this.confirming = move;
      this.#sent.set(lineId(move), move.price);
      return;
    }
    await this.#send(move);
  }

  /** Sends the move waiting for confirmation. */
  async confirm(): Promise<void> {
    const move = this.confirming;
    this.confirming = null;
    if (move) await this.#send(move);
  }

  /** The user said no: the line goes back. */
  decline(): void {
    const move = this.confirming;
    this.confirming = null;
    if (!move) return;
    this.#sent.delete(lineId(move));
    this.message = { kind: 'info', text: `Order ${move.orderId} not moved` };
  }

  /** Cancels the order of a line. */
  async cancel(orderId: number): Promise<void> {
    await this.#app.cancelOrder(orderId);
    const outcome = this.#app.blotterMessage;
    if (outcome) this.message = outcome;
  }

  /** The quantity the menu's orders send at once, or null when the menu opens the ticket instead. */
  quickQty(inst: Pick<Instrument, 'symbol'>): number | null {
    return this.#tools.oneClick ? this.#tools.defaultQty(inst.symbol) : null;
  }

  /**
   * A context-menu order at `price`. One-click mode: sent at once with the
   * instrument's default quantity through `quickOrder()`. Otherwise (or when
   * the tools are not running): the ticket is pre-filled with the type,
   * instrument and price, and the user sends it from there as `side`.
   */
  async trade(
    side: 'BUY' | 'SELL',
    type: 'LIMIT' | 'STOP',
    inst: Pick<Instrument, 'symbol' | 'minQty'>,
    price: number,
  ): Promise<MenuOutcome> {
    const quantity = this.quickQty(inst);
    if (quantity !== null) {
      const input: PlaceOrderInput = {
        symbol: inst.symbol,
        side,
        type,
        quantity,
        ...(type === 'LIMIT' ? { price } : { stopPrice: price }),
      };
      if (await quickOrder(input)) return 'sent';
    }
    const app = this.#app;
    app.showTicket('single');
    app.ticket.setType(type);
    app.ticket.fillFromQuote(inst.symbol, price);
    app.settings.setLayout('ticket.symbol', inst.symbol);
    return 'ticket';
  }

  async #moveAlert(
    line: LineSpec,
    alert: NonNullable<LineSpec['alert']>,
    price: number,
    inst: Tick,
  ): Promise<void> {
    this.#sent.set(line.id, price);
    const failure = await this.#tools.moveAlert(alert, price);
    const to = formatPrice(price, inst);
    if (failure === null) {
      this.message = { kind: 'info', text: `Alert ${alert.condition} moved to ${to}, armed` };
      return;
    }
    this.#sent.delete(line.id);
    this.message = { kind: 'error', text: `Alert not moved to ${to}: ${failure}` };
  }

  async #send(move: PendingMove): Promise<void> {
    const id = lineId(move);
    this.#sent.set(id, move.price);
    const failure = await this.#app.modifyOrder({
      orderId: move.orderId,
      [move.field]: move.price,
    });
    if (failure === null) {
      this.message = { kind: 'info', text: `${move.summary}: sent` };
      return;
    }
    // Refused: the line snaps back to the order's price.
    this.#sent.delete(id);
    this.message = { kind: 'error', text: `Order ${move.orderId} not moved: ${failure}` };
  }
}

/** The price main holds for a line: its order's price or stop, or the alert's level. */
function heldPrice(line: LineSpec): number | null {
  return line.order ? line.order.row[line.order.field] : line.price;
}

function lineId(move: Pick<PendingMove, 'orderId' | 'field'>): string {
  return `order:${move.orderId}:${move.field}`;
}

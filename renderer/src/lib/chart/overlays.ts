/**
 * What the chart draws over the candles, derived from the app's rows, pure:
 * working orders as price lines (draggable, cancellable, trailing stops
 * marked), OCO legs as pairs, fills as markers, the open position's average
 * price, pivot levels, price alerts and the pending exits of brackets.
 */
import type {
  AlertCondition,
  BracketPlan,
  ChartPivots,
  FillRow,
  OrderRow,
  PositionRow,
  PriceAlert,
  TrailDistance,
  TrailingStop,
} from '../../../../shared/ipc';
import {
  formatPrice,
  formatStopDistance,
  ticksToPrice,
  type Instrument,
} from '../../../../shared/domain';
import { formatGrouped } from '../format';
import { barOpen, type PickerInterval } from './bars';

/** The prices an order line can move: the limit or the stop. */
export type PriceField = 'price' | 'stopPrice';

/** One horizontal line of the chart. */
export interface LineSpec {
  /** Stable id (order lines: `order:<orderId>:<field>`), so a redraw moves a line instead of replacing it. */
  id: string;
  price: number;
  /** A colour role the wrapper maps to its theme, or a fixed pair colour. */
  color: LineColor;
  /** The label drawn on the line. */
  title: string;
  style: 'solid' | 'dashed' | 'dotted';
  /** Dragging it modifies this order's price or stop price. */
  order?: { orderId: number; field: PriceField; row: OrderRow; trail?: TrailDistance };
  /** A price alert's level (drawn with a bell). */
  alert?: { id: string; symbol: string; condition: AlertCondition; armed: boolean };
}

/** Theme roles, or one of the OCO pair colours. */
export type LineColor =
  'buy' | 'sell' | 'position' | 'pivot' | 'pivot-pp' | 'alert' | `pair-${number}`;

/** How many distinct OCO pair colours there are (pairs beyond reuse them). */
export const PAIR_COLOURS = 4;

/**
 * The fills of one side in one bar, as one marker: a bar with many fills has
 * one arrow per side with their count, not a stack of arrows nobody can tell
 * apart (and that the library would draw one by one in every frame).
 */
export interface MarkerSpec {
  /** `BUY:<time>` or `SELL:<time>`: the same marker while the bar gathers fills. */
  id: string;
  /** Open time of the bar they fall in, epoch ms. */
  time: number;
  side: 'BUY' | 'SELL';
  /** The fill's price; for several, their volume-weighted average. */
  price: number;
  /** Total quantity. */
  qty: number;
  /** How many fills. */
  count: number;
  /** "BUY 3,000 @ 1.08012", or "BUY 3 fills 6,000 @ avg 1.08012": shown when the pointer is over the bar. */
  text: string;
}

type Precision = Pick<Instrument, 'pricePrecision' | 'qtyPrecision'>;
type Ticked = Precision & Pick<Instrument, 'tickSize'>;
type Tick = Pick<Instrument, 'tickSize' | 'pricePrecision'>;

/** The instrument's nearest tick to `price` (shared/domain's tick arithmetic). */
export function snapToTick(
  price: number,
  inst: Pick<Instrument, 'tickSize' | 'pricePrecision'>,
): number {
  return ticksToPrice(Math.round(price / inst.tickSize), inst as Instrument);
}

/** `ticks` ticks away from `price`, on the instrument's tick grid. */
export function stepTicks(price: number, ticks: number, inst: Tick): number {
  return ticksToPrice(Math.round(price / inst.tickSize) + ticks, inst as Instrument);
}

/** The prices an order's lines are drawn at: one per priced leg (none for a market order). */
export function orderLinePrices(o: OrderRow): { field: PriceField; price: number }[] {
  const prices: { field: PriceField; price: number }[] = [];
  eachLinePrice(o, (field, price) => prices.push({ field, price }));
  return prices;
}

/**
 * Calls `visit` with each priced leg of `o` that gets a line, as
 * `orderLinePrices` lists them, without building the list (a stream's hundreds
 * of working orders are measured against the market on every change).
 */
export function eachLinePrice(
  o: OrderRow,
  visit: (field: PriceField, price: number) => void,
): void {
  if (o.type === 'LIMIT') {
    if (o.price !== null) visit('price', o.price);
  } else if (o.type === 'STOP') {
    if (o.stopPrice !== null) visit('stopPrice', o.stopPrice);
  } else if (o.type === 'STOP_LIMIT') {
    if (o.stopPrice !== null) visit('stopPrice', o.stopPrice);
    // Once triggered the stop is spent: the order rests at its limit only.
    if ((!o.triggered || o.stopPrice === null) && o.price !== null) visit('price', o.price);
  }
}

/** What a line of each priced leg says after the side and quantity. */
const LEG_WORDS: Record<OrderRow['type'], Partial<Record<PriceField, string>>> = {
  MARKET: {},
  LIMIT: { price: 'LIMIT' },
  STOP: { stopPrice: 'STOP' },
  STOP_LIMIT: { stopPrice: 'STOP LIMIT · stop', price: 'STOP LIMIT · limit' },
};

/**
 * The lines of the working orders of `symbol`: one per priced leg, OCO legs
 * sharing a colour, and a trailing stop's line saying it trails and by how much.
 * `pairsOf`: the orders whose OCO pairs number the colours (all the symbol's
 * working orders when only some are drawn, so a pair keeps its colour).
 */
export function orderLines(
  orders: readonly OrderRow[],
  symbol: string,
  inst: Precision,
  trails: readonly TrailingStop[] = [],
  pairsOf: readonly OrderRow[] = orders,
): LineSpec[] {
  const trailOf = new Map(
    trails.filter((t) => t.state === 'trailing').map((t) => [t.orderId, t.distance] as const),
  );
  const drawn = (o: OrderRow): boolean => o.symbol === symbol && o.type !== 'MARKET';
  const mine = orders.filter(drawn);
  // OCO pairs get a colour each, in order of their first leg's id, so a redraw keeps colours.
  const pairs = [...new Set(pairsOf.filter(drawn).map(pairKey))]
    .filter((k) => k !== null)
    .sort((a, b) => a - b);
  const pairIndex = new Map(pairs.map((k, i) => [k, i] as const));
  const lines: LineSpec[] = [];
  for (const o of mine) {
    const qty = formatGrouped(o.leavesQty, inst.qtyPrecision);
    const pair = pairKey(o);
    const color: LineColor =
      pair === null
        ? o.side === 'BUY'
          ? 'buy'
          : 'sell'
        : `pair-${(pairIndex.get(pair) ?? 0) % PAIR_COLOURS}`;
    const linked =
      pair === null
        ? ''
        : ` · OCO ${Math.min(o.orderId, o.ocoOrderId ?? o.orderId)}↔${Math.max(o.orderId, o.ocoOrderId ?? o.orderId)}`;
    const base = `${o.side} ${qty}`;
    const trail = trailOf.get(o.orderId);
    const trailing = trail ? ` · TRAIL ${formatStopDistance(trail)}` : '';
    for (const { field, price } of orderLinePrices(o))
      lines.push({
        id: `order:${o.orderId}:${field}`,
        price,
        color,
        title: `${base} ${LEG_WORDS[o.type][field] ?? o.type}${linked}${trailing}`,
        style: field === 'stopPrice' ? 'dashed' : 'solid',
        order: { orderId: o.orderId, field, row: o, ...(trail ? { trail } : {}) },
      });
  }
  return lines;
}

/**
 * What a screen reader calls an order line: "Buy 1,000 EURUSD limit 1.08500"
 * (a STOP_LIMIT's legs say which price they are; OCO and trailing are named).
 */
export function lineName(line: LineSpec, inst: Precision): string {
  const order = line.order;
  if (!order) return `${line.title} ${formatPrice(line.price, inst)}`;
  const o = order.row;
  const side = o.side === 'BUY' ? 'Buy' : 'Sell';
  const kind =
    o.type === 'STOP_LIMIT'
      ? `stop limit, ${order.field === 'stopPrice' ? 'stop' : 'limit'}`
      : o.type.toLowerCase();
  const oco = o.ocoOrderId === null ? '' : `, OCO with order ${o.ocoOrderId}`;
  const trail = order.trail ? `, trailing ${formatStopDistance(order.trail)}` : '';
  return `${side} ${formatGrouped(o.leavesQty, inst.qtyPrecision)} ${o.symbol} ${kind} ${formatPrice(line.price, inst)}${oco}${trail}`;
}

function pairKey(o: OrderRow): number | null {
  return o.ocoOrderId === null ? null : Math.min(o.orderId, o.ocoOrderId);
}

/**
 * The fills of one instrument gathered per bar and side, kept as fills come
 * and go (a stream of executions adds some every frame: nothing is counted
 * twice, nothing walks every fill again).
 */
export class FillGroups {
  readonly #groups = new Map<string, FillGroup>();
  /** The fills counted, by id: one counted twice (the session's and the stored) counts once. */
  readonly #counted = new Set<string>();

  constructor(
    readonly symbol: string,
    readonly interval: PickerInterval,
  ) {}

  /** Counts these fills in (those of other instruments, or counted already, are left out); true if any counted. */
  add(fills: Iterable<FillRow>): boolean {
    let counted = false;
    for (const f of fills) counted = this.#count(f, 1) || counted;
    return counted;
  }

  /** Counts these fills out (replaced or removed ones; those not counted are left out); true if any counted. */
  remove(fills: Iterable<FillRow>): boolean {
    let counted = false;
    for (const f of fills) counted = this.#count(f, -1) || counted;
    return counted;
  }

  /** One marker per bar and side, oldest first, buys before sells within a bar. */
  markers(inst: Precision): MarkerSpec[] {
    const markers: MarkerSpec[] = [];
    // The average to two digits past the price's own (a sum of products drifts in the last bits).
    const scale = 10 ** (inst.pricePrecision + 2);
    for (const [id, g] of this.#groups) {
      const price = g.qty === 0 ? 0 : Math.round((g.value / g.qty) * scale) / scale;
      const qty = formatGrouped(g.qty, inst.qtyPrecision);
      const px = formatPrice(price, inst);
      markers.push({
        id,
        time: g.time,
        side: g.side,
        price,
        qty: g.qty,
        count: g.count,
        text:
          g.count === 1
            ? `${g.side} ${qty} @ ${px}`
            : `${g.side} ${formatGrouped(g.count, 0)} fills ${qty} @ avg ${px}`,
      });
    }
    return markers.sort(
      (a, b) => a.time - b.time || (a.side < b.side ? -1 : a.side > b.side ? 1 : 0),
    );
  }

  #count(f: FillRow, sign: 1 | -1): boolean {
    if (f.symbol !== this.symbol) return false;
    if (sign === 1 ? this.#counted.has(f.fillId) : !this.#counted.delete(f.fillId)) return false;
    if (sign === 1) this.#counted.add(f.fillId);
    const time = barOpen(f.time, this.interval);
    const id = `${f.side}:${time}`;
    const g = this.#groups.get(id) ?? { time, side: f.side, qty: 0, value: 0, count: 0 };
    g.qty += sign * f.qty;
    g.value += sign * f.price * f.qty;
    g.count += sign;
    if (g.count <= 0) this.#groups.delete(id);
    else this.#groups.set(id, g);
    return true;
  }
}

interface FillGroup {
  time: number;
  side: FillRow['side'];
  qty: number;
  value: number;
  count: number;
}

/** The open positions in `symbol` (one per login) as lines at their average price, P&L in the label. */
export function positionLines(
  positions: readonly PositionRow[],
  symbol: string,
  inst: Precision,
): LineSpec[] {
  return positions
    .filter((p) => p.symbol === symbol && p.netQty !== 0 && p.avgPrice !== null)
    .map((p) => {
      const qty = formatGrouped(Math.abs(p.netQty), inst.qtyPrecision);
      const pnl =
        p.unrealizedPnl === null
          ? 'P&L —'
          : `P&L ${p.unrealizedPnl >= 0 ? '+' : '−'}${formatGrouped(Math.abs(p.unrealizedPnl), 2)}`;
      return {
        id: `position:${p.login}`,
        price: p.avgPrice as number,
        color: 'position' as const,
        title: `${p.netQty > 0 ? 'LONG' : 'SHORT'} ${qty} avg ${formatPrice(p.avgPrice as number, inst)} · ${pnl}`,
        style: 'dotted' as const,
      };
    });
}

/** The pivot levels as lines, PP stronger than the supports and resistances. */
export function pivotLines(levels: ChartPivots): LineSpec[] {
  const order = ['R3', 'R2', 'R1', 'PP', 'S1', 'S2', 'S3'] as const;
  return order.map((name) => ({
    id: `pivot:${name}`,
    price: levels[name],
    color: name === 'PP' ? 'pivot-pp' : 'pivot',
    title: name,
    style: 'dashed',
  }));
}

/** The price alerts of `symbol` as lines: armed ones solid, fired ones (waiting for a re-arm) dotted. */
export function alertLines(alerts: readonly PriceAlert[], symbol: string): LineSpec[] {
  return alerts
    .filter((a) => a.symbol === symbol)
    .map((a) => ({
      id: `alert:${a.id}`,
      price: a.price,
      color: 'alert' as const,
      title: `ALERT ${a.condition}${a.armed ? '' : ' · fired'}`,
      style: a.armed ? ('solid' as const) : ('dotted' as const),
      alert: { id: a.id, symbol: a.symbol, condition: a.condition, armed: a.armed },
    }));
}

/**
 * The take-profit and stop-loss of each bracket of `symbol` whose entry has
 * not filled yet (only the leg a one-leg plan has), dashed in the entry
 * line's colour and tied to it: an exit set in ticks is measured from the
 * entry line as drawn (so it follows the entry while it is dragged), an exit
 * set as a price stays at that price.
 * `lines` are the order lines as drawn; a plan whose entry has no line (not
 * acknowledged yet) has nothing to tie to and is not drawn.
 */
export function bracketLines(
  plans: readonly BracketPlan[],
  lines: readonly LineSpec[],
  symbol: string,
  inst: Ticked,
): LineSpec[] {
  const out: LineSpec[] = [];
  for (const plan of plans) {
    if (plan.symbol !== symbol || plan.state !== 'armed' || plan.entry.orderId === null) continue;
    const entryId = plan.entry.orderId;
    const legs = lines.filter((l) => l.order?.orderId === entryId);
    // A stop-limit entry fills at its limit: the exits are measured from there.
    const entry = legs.find((l) => l.order?.field === 'price') ?? legs[0];
    if (!entry?.order) continue;
    const qty = formatGrouped(entry.order.row.leavesQty, inst.qtyPrecision);
    const exitSide = plan.side === 'BUY' ? 'SELL' : 'BUY';
    // A buy entry takes profit above and stops out below; a sell entry the other way round.
    const up = plan.side === 'BUY' ? 1 : -1;
    const leg = (name: 'TP' | 'SL', level: BracketPlan['spec']['takeProfit'], sign: number) => {
      // A plan may carry one leg only (a protective stop alone, a target alone).
      if (!level) return;
      const price =
        level.kind === 'price' ? level.price : stepTicks(entry.price, sign * level.ticks, inst);
      const away = level.kind === 'ticks' ? ` (${formatStopDistance(level)})` : '';
      out.push({
        id: `bracket:${plan.id}:${name}`,
        price,
        color: entry.color,
        title: `${name} ${exitSide} ${qty} · entry ${entryId}${away}`,
        style: 'dashed',
      });
    };
    leg('TP', plan.spec.takeProfit, up);
    leg('SL', plan.spec.stopLoss, -up);
  }
  return out;
}

/** The draggable line nearest to `y` (pixels), within `slop` pixels, or null. */
export function lineNear(
  lines: readonly LineSpec[],
  y: number,
  yOf: (price: number) => number | null,
  slop = 5,
): LineSpec | null {
  let best: { line: LineSpec; d: number } | null = null;
  for (const line of lines) {
    // Orders and alerts move; positions, pivots and pending exits do not.
    if (!line.order && !line.alert) continue;
    const ly = yOf(line.price);
    if (ly === null) continue;
    const d = Math.abs(ly - y);
    if (d <= slop && (!best || d < best.d)) best = { line, d };
  }
  return best?.line ?? null;
}

/**
 * A menu item's words: what it will do. In one-click mode with a default
 * quantity it sends at once ("Buy limit 1,000 @ 1.08500"); otherwise it opens
 * the ticket pre-filled ("Buy limit @ 1.08500…").
 */
export function menuLabel(
  choice: { side: 'BUY' | 'SELL'; type: 'LIMIT' | 'STOP' },
  price: number,
  quickQty: number | null,
  inst: Precision,
): string {
  const what = `${choice.side === 'BUY' ? 'Buy' : 'Sell'} ${choice.type === 'LIMIT' ? 'limit' : 'stop'}`;
  const at = formatPrice(price, inst);
  return quickQty === null
    ? `${what} @ ${at}…`
    : `${what} ${formatGrouped(quickQty, inst.qtyPrecision)} @ ${at}`;
}

/** The trades offered at a price: limits on the passive side of the last price, stops on the other. */
export function menuChoices(
  price: number,
  last: number | null,
): { side: 'BUY' | 'SELL'; type: 'LIMIT' | 'STOP' }[] {
  const below = [
    { side: 'BUY' as const, type: 'LIMIT' as const },
    { side: 'SELL' as const, type: 'STOP' as const },
  ];
  const above = [
    { side: 'SELL' as const, type: 'LIMIT' as const },
    { side: 'BUY' as const, type: 'STOP' as const },
  ];
  if (last === null || price === last) return [...below, ...above];
  return price < last ? below : above;
}

/**
 * Round trips from fills in time order: under FIFO each closed lot is one
 * trip (entry fill to the fill that closed it); under average cost a trip runs
 * from flat to flat (a flip closes one and opens the next). Fed page by page:
 * only open positions are held, never the whole history.
 */
import type { AccountingMethod, FillRow } from '../../shared/ipc';
import { positionKey } from '../../shared/domain';
import { applyFill, fillUnits, flatPosition, netQty } from '../store/positionMath';
import type { Close, PositionState } from '../store/positionMath';

/** A closed round trip in integers (prices and quantities 1e-8, money 1e-16 units). */
export interface TripCore {
  id: string;
  login: string;
  symbol: string;
  long: boolean;
  entryTime: number;
  exitTime: number;
  /** Sum of qty x price of the entries and the exits (1e-16), over `qty` (1e-8). */
  entryNotional: bigint;
  exitNotional: bigint;
  qty: bigint;
  /** Realized P&L in the instrument's currency (1e-16). */
  pnl: bigint;
  orderIds: number[];
}

/** What a fill must carry to be replayed. */
export type TripFill = Pick<
  FillRow,
  'fillId' | 'orderId' | 'login' | 'symbol' | 'side' | 'qty' | 'price' | 'time'
>;

/** A flat-to-flat trip being built (average cost). */
interface OpenTrip {
  firstFillId: string;
  entryTime: number;
  entryNotional: bigint;
  entryQty: bigint;
  exitNotional: bigint;
  exitQty: bigint;
  pnl: bigint;
  orderIds: Set<number>;
}

interface Book {
  state: PositionState;
  /** Entry fill id -> its order (FIFO lots name their entry by fill id). */
  entryOrders: Map<string, number>;
  trip: OpenTrip | null;
}

/** Builds round trips from fills fed in (time, orderId, fillId) order. */
export class RoundTripBuilder {
  private readonly books = new Map<string, Book>();

  constructor(private readonly method: AccountingMethod) {}

  /** Replays one fill; returns the trips it closed. */
  add(fill: TripFill): TripCore[] {
    const key = positionKey(fill);
    let book = this.books.get(key);
    if (!book) {
      book = { state: flatPosition(this.method), entryOrders: new Map(), trip: null };
      this.books.set(key, book);
    }
    const qty = fillUnits(fill.qty);
    const price = fillUnits(fill.price);
    const before = netQty(book.state);
    const closes = applyFill(book.state, fill.side, qty, price, fill.fillId, fill.time);
    const trips =
      this.method === 'FIFO'
        ? this.lotTrips(book, fill, closes, price)
        : this.flatTrips(book, fill, closes, before, qty, price);
    // Flat: no lot is open, so no entry needs naming (keeps the map to open lots).
    if (netQty(book.state) === 0n) book.entryOrders.clear();
    else if (book.state.lots.at(-1)?.ref === fill.fillId)
      book.entryOrders.set(fill.fillId, fill.orderId);
    return trips;
  }

  /** The integer state of every position replayed so far (open quantity, realized). */
  positions(): Map<string, PositionState> {
    return new Map([...this.books].map(([k, b]) => [k, b.state]));
  }

  private lotTrips(book: Book, fill: TripFill, closes: Close[], price: bigint): TripCore[] {
    return closes.map((close) => {
      const entryOrder =
        close.lotRef === undefined ? undefined : book.entryOrders.get(close.lotRef);
      return {
        id: `${close.lotRef ?? '?'}>${fill.fillId}`,
        login: fill.login,
        symbol: fill.symbol,
        long: close.long,
        entryTime: close.lotTime ?? fill.time,
        exitTime: fill.time,
        entryNotional: close.qty * close.entryPrice,
        exitNotional: close.qty * price,
        qty: close.qty,
        pnl: close.realized,
        orderIds: entryOrder === undefined ? [fill.orderId] : unique([entryOrder, fill.orderId]),
      };
    });
  }

  private flatTrips(
    book: Book,
    fill: TripFill,
    closes: Close[],
    before: bigint,
    qty: bigint,
    price: bigint,
  ): TripCore[] {
    const done: TripCore[] = [];
    let opened = qty;
    for (const close of closes) {
      const trip = book.trip;
      if (!trip) continue;
      trip.exitNotional += close.qty * price;
      trip.exitQty += close.qty;
      trip.pnl += close.realized;
      trip.orderIds.add(fill.orderId);
      opened -= close.qty;
    }
    const after = netQty(book.state);
    if (book.trip && (after === 0n || (before !== 0n && after > 0n !== before > 0n))) {
      const t = book.trip;
      done.push({
        id: `${t.firstFillId}>${fill.fillId}`,
        login: fill.login,
        symbol: fill.symbol,
        long: before > 0n,
        entryTime: t.entryTime,
        exitTime: fill.time,
        entryNotional: t.entryNotional,
        exitNotional: t.exitNotional,
        qty: t.entryQty,
        pnl: t.pnl,
        orderIds: [...t.orderIds],
      });
      book.trip = null;
    }
    if (opened > 0n) {
      book.trip ??= {
        firstFillId: fill.fillId,
        entryTime: fill.time,
        entryNotional: 0n,
        entryQty: 0n,
        exitNotional: 0n,
        exitQty: 0n,
        pnl: 0n,
        orderIds: new Set(),
      };
      book.trip.entryNotional += opened * price;
      book.trip.entryQty += opened;
      book.trip.orderIds.add(fill.orderId);
    }
    return done;
  }
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

/**
 * Per-symbol order book: two sides of price levels in price-time priority.
 * Each side keeps a Map from price (ticks) to level for O(1) lookup and a
 * sorted array of levels (best last) for O(log n) insert and O(1) best;
 * each level is an intrusive doubly-linked FIFO of orders.
 */
import type { Instrument } from '../../shared/domain';
import type { EngineOrder } from './order';
import { StopList } from './stops';
import { Units } from './units';

/** One price level: a FIFO of resting orders. */
export class Level {
  head: EngineOrder | null = null;
  tail: EngineOrder | null = null;
  /** Orders in the level. */
  count = 0;
  /** Displayed remaining lots (AON orders are not displayed). */
  lots = 0;
  constructor(readonly price: number) {}
}

/** One side (bids or asks) of a book. */
export class BookSide {
  private readonly byPrice = new Map<number, Level>();
  /** Levels sorted worst first, best last. */
  private readonly sorted: Level[] = [];

  constructor(readonly isBid: boolean) {}

  /** Best level, or undefined when the side is empty. */
  best(): Level | undefined {
    const n = this.sorted.length;
    return n === 0 ? undefined : this.sorted[n - 1]; // (index -1 is a slow named-property lookup)
  }

  /** Number of price levels. */
  get depth(): number {
    return this.sorted.length;
  }

  /** The i-th best level (0 = best). */
  levelAt(i: number): Level | undefined {
    return this.sorted[this.sorted.length - 1 - i];
  }

  /** Appends an order at the back of its price level's queue. */
  append(o: EngineOrder): void {
    let level = this.byPrice.get(o.price);
    if (level === undefined) {
      level = new Level(o.price);
      this.byPrice.set(o.price, level);
      this.insertLevel(level);
    }
    o.level = level;
    o.next = null;
    o.prev = level.tail;
    if (level.tail === null) level.head = o;
    else level.tail.next = o;
    level.tail = o;
    level.count++;
    if (!o.aon) level.lots += o.qty - o.filled;
  }

  /** Unlinks an order from its level (dropping the level when it empties). */
  remove(o: EngineOrder): void {
    const level = o.level;
    if (level === null) return;
    if (o.prev === null) level.head = o.next;
    else o.prev.next = o.next;
    if (o.next === null) level.tail = o.prev;
    else o.next.prev = o.prev;
    o.prev = o.next = o.level = null;
    if (!o.aon) level.lots -= o.qty - o.filled;
    if (--level.count === 0) this.dropLevel(level);
  }

  /** Records a fill or a size decrease of a resting order that stays in its place. */
  shrink(o: EngineOrder, lots: number): void {
    if (o.level !== null && !o.aon) o.level.lots -= lots;
  }

  /** The best level strictly worse than `price`, or undefined. */
  after(price: number): Level | undefined {
    const best = this.best();
    if (best === undefined || this.key(best.price) < this.key(price)) return best;
    return this.sorted[this.lowerBound(this.key(price)) - 1];
  }

  /** Sort key: ascending key means worse to better. */
  private key(price: number): number {
    return this.isBid ? price : -price;
  }

  /** First index whose key is >= k. */
  private lowerBound(k: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key((this.sorted[mid] as Level).price) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertLevel(level: Level): void {
    const k = this.key(level.price);
    const best = this.best();
    if (best === undefined || this.key(best.price) < k) this.sorted.push(level);
    else {
      // In place (splice would allocate the array of removed elements).
      const sorted = this.sorted;
      const at = this.lowerBound(k);
      for (let i = sorted.length; i > at; i--) sorted[i] = sorted[i - 1] as Level;
      sorted[at] = level;
    }
  }

  private dropLevel(level: Level): void {
    this.byPrice.delete(level.price);
    if (this.best() === level) this.sorted.pop();
    else {
      const sorted = this.sorted;
      const last = sorted.length - 1;
      for (let i = this.lowerBound(this.key(level.price)); i < last; i++) {
        sorted[i] = sorted[i + 1] as Level;
      }
      sorted.pop();
    }
  }
}

/** Everything the engine keeps per symbol. */
export class SymbolBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  /** Untriggered BUY stops (trigger when last >= stop). */
  readonly buyStops = new StopList();
  /** Untriggered SELL stops (trigger when last <= stop). */
  readonly sellStops = new StopList();
  /** Last trade price in ticks, or -1 when none. */
  last = -1;
  readonly units: Units;

  constructor(readonly inst: Instrument) {
    this.units = new Units(inst);
  }

  /** The side an order of this direction rests on. */
  sideOf(isBuy: boolean): BookSide {
    return isBuy ? this.bids : this.asks;
  }

  /** The stop list an order of this direction waits in. */
  stopsOf(isBuy: boolean): StopList {
    return isBuy ? this.buyStops : this.sellStops;
  }
}

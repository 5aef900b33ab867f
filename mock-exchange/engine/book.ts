/**
 * Per-symbol order book: two sides of price levels in price-time priority.
 * Each side keeps a Map from price (ticks) to level for O(1) lookup and a
 * sorted array of levels (best last) for O(log n) insert and O(1) best;
 * each level is an intrusive doubly-linked FIFO of order slots (the links
 * live in the order store's `prev`/`next` columns).
 */
import type { Instrument } from '../../shared/domain';
import type { OrderStore } from './order';
import { NONE } from './order';
import { StopList } from './stops';
import { Units } from './units';

/** One price level: a FIFO of resting orders. */
export class Level {
  /** Oldest and newest order slots (NONE when empty). */
  head = NONE;
  tail = NONE;
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

  constructor(
    readonly isBid: boolean,
    private readonly s: OrderStore,
  ) {}

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

  /** The level an order rests in (undefined when it does not rest here). */
  levelOf(o: number): Level | undefined {
    return this.s.resting(o) ? this.byPrice.get(this.s.price[o] as number) : undefined;
  }

  /** Appends an order at the back of its price level's queue. */
  append(o: number): void {
    const s = this.s;
    const price = s.price[o] as number;
    let level = this.byPrice.get(price);
    if (level === undefined) {
      level = new Level(price);
      this.byPrice.set(price, level);
      this.insertLevel(level);
    }
    s.setResting(o, true);
    s.next[o] = NONE;
    s.prev[o] = level.tail;
    if (level.tail === NONE) level.head = o;
    else s.next[level.tail] = o;
    level.tail = o;
    level.count++;
    if (!s.aon(o)) level.lots += (s.qty[o] as number) - (s.filled[o] as number);
  }

  /** Unlinks an order from its level (dropping the level when it empties); no-op when not resting. */
  remove(o: number): void {
    const level = this.levelOf(o);
    if (level !== undefined) this.removeFrom(level, o);
  }

  /** `remove` for a caller that knows the order's level (no lookup). */
  removeFrom(level: Level, o: number): void {
    const s = this.s;
    const prev = s.prev[o] as number;
    const next = s.next[o] as number;
    if (prev === NONE) level.head = next;
    else s.next[prev] = next;
    if (next === NONE) level.tail = prev;
    else s.prev[next] = prev;
    s.prev[o] = s.next[o] = NONE;
    s.setResting(o, false);
    if (!s.aon(o)) level.lots -= (s.qty[o] as number) - (s.filled[o] as number);
    if (--level.count === 0) this.dropLevel(level);
  }

  /** Records a fill or a size decrease of a resting order that stays in its place. */
  shrink(o: number, lots: number): void {
    if (this.s.aon(o)) return;
    const level = this.levelOf(o);
    if (level !== undefined) level.lots -= lots;
  }

  /** `shrink` for a caller that knows the order's level (no lookup). */
  shrinkIn(level: Level, o: number, lots: number): void {
    if (!this.s.aon(o)) level.lots -= lots;
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
  readonly bids: BookSide;
  readonly asks: BookSide;
  /** Untriggered BUY stops (trigger when last >= stop). */
  readonly buyStops: StopList;
  /** Untriggered SELL stops (trigger when last <= stop). */
  readonly sellStops: StopList;
  /** Last trade price in ticks, or -1 when none. */
  last = -1;
  readonly units: Units;

  constructor(
    readonly inst: Instrument,
    /** This book's number in the order store (`OrderStore.books`). */
    readonly no: number,
    s: OrderStore,
  ) {
    this.units = new Units(inst);
    this.bids = new BookSide(true, s);
    this.asks = new BookSide(false, s);
    this.buyStops = new StopList(s);
    this.sellStops = new StopList(s);
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

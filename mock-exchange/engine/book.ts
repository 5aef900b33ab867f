/**
 * Per-symbol order book: two sides of price levels in price-time priority.
 * Each side keeps its levels in a dense price ladder: an array indexed by
 * the price's tick offset from a base, with a bitmap of the non-empty
 * levels (32 a word, so the next level is a word scan, not a walk) and the
 * best index tracked. Levels of the ladder stay in place when they empty
 * and are reused. The ladder grows (doubling, toward the price that did
 * not fit) up to MAX_SPAN ticks and moves to a far price when it holds no
 * order; levels it cannot reach go to a sparse fallback (a Map by price
 * plus an array sorted worst first). Each level is an intrusive
 * doubly-linked FIFO of order slots (the links live in the order store's
 * `prev`/`next` columns).
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

/** Ticks the ladder covers when it is made or moved. */
const FIRST_SPAN = 1024;
/**
 * The most ticks the ladder covers (levels it keeps: about 3 MB at most per
 * side); prices beyond go to the sparse levels.
 */
const MAX_SPAN = 1 << 16;

/** Index of the highest bit set in `bits` below `end` (exclusive), or -1. */
function highestBelow(bits: Int32Array, end: number): number {
  if (end <= 0) return -1;
  const last = end - 1;
  let w = last >> 5;
  const top = last & 31;
  let word = (bits[w] as number) & (top === 31 ? -1 : (1 << (top + 1)) - 1);
  for (;;) {
    if (word !== 0) return (w << 5) + 31 - Math.clz32(word);
    if (--w < 0) return -1;
    word = bits[w] as number;
  }
}

/** Index of the lowest bit set in `bits` at or above `from`, or -1. */
function lowestFrom(bits: Int32Array, from: number): number {
  let w = from >> 5;
  if (w >= bits.length) return -1;
  let word = (bits[w] as number) & (-1 << (from & 31));
  for (;;) {
    if (word !== 0) return (w << 5) + 31 - Math.clz32(word & -word);
    if (++w >= bits.length) return -1;
    word = bits[w] as number;
  }
}

/** One side (bids or asks) of a book. */
export class BookSide {
  /** Price (ticks) of `ladder[0]`. */
  private base = 0;
  /** Levels by `price - base` (a power of two long, at least 32); undefined where never used. */
  private ladder: Array<Level | undefined> = [];
  /** Bit i set: `ladder[i]` holds orders. */
  private live = new Int32Array(0);
  /** Index of the best non-empty ladder level, -1 when the ladder holds no order. */
  private bestAt = -1;
  /** Non-empty ladder levels. */
  private liveCount = 0;
  /** Levels the ladder cannot reach, by price, and the same sorted worst first, best last. */
  private readonly far = new Map<number, Level>();
  private readonly farSorted: Level[] = [];

  constructor(
    readonly isBid: boolean,
    private readonly s: OrderStore,
  ) {}

  /** Best level, or undefined when the side is empty. */
  best(): Level | undefined {
    const near = this.bestAt < 0 ? undefined : this.ladder[this.bestAt];
    const n = this.farSorted.length;
    if (n === 0) return near;
    const far = this.farSorted[n - 1] as Level; // (index -1 is a slow named-property lookup)
    return near === undefined || this.key(far.price) > this.key(near.price) ? far : near;
  }

  /** Number of price levels. */
  get depth(): number {
    return this.liveCount + this.farSorted.length;
  }

  /** The i-th best level (0 = best); walks the side, for tests and tools, not hot paths. */
  levelAt(i: number): Level | undefined {
    let level = this.best();
    for (let k = 0; k < i && level !== undefined; k++) level = this.after(level.price);
    return level;
  }

  /** The level an order rests in (undefined when it does not rest here). */
  levelOf(o: number): Level | undefined {
    if (!this.s.resting(o)) return undefined;
    const price = this.s.price[o] as number;
    const i = price - this.base;
    return i >= 0 && i < this.ladder.length ? this.ladder[i] : this.far.get(price);
  }

  /** Appends an order at the back of its price level's queue. */
  append(o: number): void {
    const s = this.s;
    const price = s.price[o] as number;
    const i = price - this.base;
    let level: Level;
    if (i >= 0 && i < this.ladder.length) {
      level = this.ladder[i] ?? (this.ladder[i] = new Level(price));
      if (level.count === 0) this.markLive(i);
    } else level = this.levelOutside(price);
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
    let near: Level | undefined;
    if (this.liveCount !== 0) {
      const i = price - this.base;
      const at = this.isBid
        ? highestBelow(this.live, Math.min(i, this.ladder.length))
        : lowestFrom(this.live, Math.max(i + 1, 0));
      if (at >= 0) near = this.ladder[at];
    }
    if (this.farSorted.length === 0) return near;
    const far = this.farSorted[this.lowerBound(this.key(price)) - 1];
    if (far === undefined) return near;
    return near === undefined || this.key(far.price) > this.key(near.price) ? far : near;
  }

  /** Marks ladder level `i` non-empty (it just got its first order). */
  private markLive(i: number): void {
    this.live[i >> 5] = (this.live[i >> 5] as number) | (1 << (i & 31));
    this.liveCount++;
    const best = this.bestAt;
    if (best < 0 || (this.isBid ? i > best : i < best)) this.bestAt = i;
  }

  /** The level of a price outside the ladder: the ladder grown or moved to reach it, else a sparse one. */
  private levelOutside(price: number): Level {
    if (this.liveCount === 0) this.moveLadder(price);
    else if (!this.growLadder(price)) return this.farLevel(price);
    const i = price - this.base;
    const level = this.ladder[i] ?? (this.ladder[i] = new Level(price));
    if (level.count === 0) this.markLive(i);
    return level;
  }

  /** Re-centres the empty ladder on `price` (a fresh one: nothing rests in it). */
  private moveLadder(price: number): void {
    this.base = price - FIRST_SPAN / 2;
    this.ladder = new Array<Level | undefined>(FIRST_SPAN).fill(undefined);
    this.live = new Int32Array(FIRST_SPAN >> 5);
    this.bestAt = -1;
    this.absorbFar();
  }

  /** Widens the ladder (doubling toward `price`) to reach it; false when that would pass MAX_SPAN. */
  private growLadder(price: number): boolean {
    const len = this.ladder.length;
    const below = price < this.base;
    const need = below ? this.base + len - price : price - this.base + 1;
    let size = len * 2;
    while (size < need) size *= 2;
    if (size > MAX_SPAN) return false;
    // Growing down shifts the old levels up by `shift` (a multiple of 32, so whole words).
    const shift = below ? size - len : 0;
    const ladder = new Array<Level | undefined>(size).fill(undefined);
    for (let i = 0; i < len; i++) ladder[i + shift] = this.ladder[i];
    const live = new Int32Array(size >> 5);
    live.set(this.live, shift >> 5);
    this.ladder = ladder;
    this.live = live;
    this.base -= shift;
    if (this.bestAt >= 0) this.bestAt += shift;
    this.absorbFar();
    return true;
  }

  /** Moves the sparse levels the ladder now reaches into it (a price lives in one place only). */
  private absorbFar(): void {
    const sorted = this.farSorted;
    let kept = 0;
    for (const level of sorted) {
      const i = level.price - this.base;
      if (i >= 0 && i < this.ladder.length) {
        this.far.delete(level.price);
        this.ladder[i] = level;
        this.markLive(i);
      } else sorted[kept++] = level;
    }
    sorted.length = kept;
  }

  /** The sparse level of a price the ladder cannot reach, made when missing. */
  private farLevel(price: number): Level {
    let level = this.far.get(price);
    if (level === undefined) {
      level = new Level(price);
      this.far.set(price, level);
      this.insertFar(level);
    }
    return level;
  }

  /** Sort key: ascending key means worse to better. */
  private key(price: number): number {
    return this.isBid ? price : -price;
  }

  /** First index of the sparse levels whose key is >= k. */
  private lowerBound(k: number): number {
    let lo = 0;
    let hi = this.farSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key((this.farSorted[mid] as Level).price) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertFar(level: Level): void {
    // In place (splice would allocate the array of removed elements).
    const sorted = this.farSorted;
    const at = this.lowerBound(this.key(level.price));
    for (let i = sorted.length; i > at; i--) sorted[i] = sorted[i - 1] as Level;
    sorted[at] = level;
  }

  /** Takes an emptied level out of the live ones (a ladder level stays in place for reuse). */
  private dropLevel(level: Level): void {
    const i = level.price - this.base;
    if (i >= 0 && i < this.ladder.length && this.ladder[i] === level) {
      this.live[i >> 5] = (this.live[i >> 5] as number) & ~(1 << (i & 31));
      this.liveCount--;
      if (i === this.bestAt) {
        this.bestAt = this.isBid ? highestBelow(this.live, i) : lowestFrom(this.live, i + 1);
      }
      return;
    }
    this.far.delete(level.price);
    const sorted = this.farSorted;
    const last = sorted.length - 1;
    for (let k = this.lowerBound(this.key(level.price)); k < last; k++) {
      sorted[k] = sorted[k + 1] as Level;
    }
    sorted.pop();
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

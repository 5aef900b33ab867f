/**
 * The price ladder of a book side (book.ts) against a plain model (a map of
 * price -> FIFO of orders): random appends, removals and partial fills at
 * prices near each other, far apart (beyond what the ladder may cover), and
 * patterns that empty the side so the ladder moves. After every step the
 * side must show the model's levels in price order, each queue in time
 * order with its count and lots, and find every resting order's level.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { scale } from '../testing/env';
import { Account } from './account';
import type { BookSide } from './book';
import { SymbolBook } from './book';
import { NONE, OrderStore } from './order';

const inst = DEFAULT_INSTRUMENTS[0]!;
const MID = 108_500;

/**
 * Prices from clusters: dense near mid (neighbouring levels), a few
 * thousand ticks around it (the ladder grows either way), 70,000 ticks
 * either side (past the ladder's reach) and anywhere.
 */
const price = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: MID - 4, max: MID + 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: MID - 3_000, max: MID + 3_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: MID + 70_000, max: MID + 70_020 }) },
  { weight: 2, arbitrary: fc.integer({ min: MID - 70_020, max: MID - 70_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
);

const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), price }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fill' as const), pick: fc.nat() }) },
  // Removes everything from the side, or every order of one cluster of
  // prices: the next price may move the ladder (and take in far levels).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('dropCluster' as const), cluster: fc.nat(3) }),
  },
  // Empties the best level (as a sweep does): the next best must be found.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dropBest' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('probe' as const), price }) },
);

/** One step of a run. */
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Which cluster of `price` a price is in: near mid, far above, far below, elsewhere. */
function clusterOf(p: number): number {
  if (Math.abs(p - MID) <= 4) return 0;
  if (p >= MID + 70_000 && p <= MID + 70_020) return 1;
  if (p >= MID - 70_020 && p <= MID - 70_000) return 2;
  return 3;
}

/** The model's levels, best first. */
function modelLevels(model: Map<number, number[]>, isBid: boolean): number[] {
  const prices = [...model.keys()].filter((p) => (model.get(p) as number[]).length > 0);
  return prices.sort((a, b) => (isBid ? b - a : a - b));
}

/** Checks the side against the model: levels, queues, counts, lots and each order's level. */
function check(s: OrderStore, side: BookSide, model: Map<number, number[]>): void {
  const expected = modelLevels(model, side.isBid);
  const seen: number[] = [];
  for (let level = side.best(); level !== undefined; level = side.after(level.price)) {
    seen.push(level.price);
    const queue: number[] = [];
    for (let o = level.head; o !== NONE; o = s.next[o] as number) queue.push(o);
    expect(queue).toEqual(model.get(level.price));
    expect(level.count).toBe(queue.length);
    const lots = queue.reduce((sum, o) => sum + (s.qty[o] as number) - (s.filled[o] as number), 0);
    expect(level.lots).toBe(lots);
    for (const o of queue) expect(side.levelOf(o)).toBe(level);
    if (seen.length > expected.length) break;
  }
  expect(seen).toEqual(expected);
  expect(side.depth).toBe(expected.length);
}

/** An order store with one book and one account, as the engine sets them up. */
function oneBook(): { s: OrderStore; book: SymbolBook; account: Account } {
  const s = new OrderStore();
  const book = new SymbolBook(inst, 0, s);
  s.books.push(book);
  const account = new Account('a', true, 0, s);
  s.accounts.push(account);
  return { s, book, account };
}

/** A side's levels from the best, as [price, count]. */
function levelsOf(side: BookSide): Array<[number, number]> {
  const levels: Array<[number, number]> = [];
  for (let l = side.best(); l !== undefined; l = side.after(l.price))
    levels.push([l.price, l.count]);
  return levels;
}

function run(isBid: boolean, ops: Array<Op>): void {
  const { s, book, account } = oneBook();
  const side = isBid ? book.bids : book.asks;
  const model = new Map<number, number[]>();
  const resting: number[] = [];
  let nextId = 1;
  const take = (pick: number): number => {
    const i = pick % resting.length;
    const o = resting[i] as number;
    resting[i] = resting[resting.length - 1] as number;
    resting.pop();
    const queue = model.get(s.price[o] as number) as number[];
    queue.splice(queue.indexOf(o), 1);
    return o;
  };
  for (const step of ops) {
    if (step.kind === 'add') {
      const o = s.create(
        nextId++,
        account,
        book,
        isBid,
        'LIMIT',
        'GTC',
        step.price,
        0,
        10,
        null,
        0,
        0,
      );
      side.append(o);
      resting.push(o);
      if (!model.has(step.price)) model.set(step.price, []);
      (model.get(step.price) as number[]).push(o);
    } else if (step.kind === 'remove' && resting.length > 0) {
      const o = take(step.pick);
      side.remove(o);
      s.release(o);
    } else if (step.kind === 'fill' && resting.length > 0) {
      const o = resting[step.pick % resting.length] as number;
      // A partial fill keeps the order in place (one lot short of full).
      if ((s.filled[o] as number) < 9) {
        s.filled[o] = (s.filled[o] as number) + 1;
        side.shrink(o, 1);
      }
    } else if (step.kind === 'clear' || step.kind === 'dropCluster') {
      const doomed = resting.filter(
        (o) => step.kind === 'clear' || clusterOf(s.price[o] as number) === step.cluster,
      );
      for (const d of doomed) {
        const o = take(resting.indexOf(d));
        const level = side.levelOf(o);
        expect(level?.price).toBe(s.price[o]);
        if (level !== undefined) side.removeFrom(level, o);
        s.release(o);
      }
    } else if (step.kind === 'dropBest') {
      const best = modelLevels(model, isBid)[0];
      for (const o of best === undefined ? [] : [...(model.get(best) as number[])]) {
        take(resting.indexOf(o));
        side.remove(o);
        s.release(o);
      }
    } else if (step.kind === 'probe') {
      // The best level strictly worse than any price, level or not.
      const worse = modelLevels(model, isBid).filter((p) =>
        isBid ? p < step.price : p > step.price,
      );
      expect(side.after(step.price)?.price).toBe(worse[0]);
    }
    check(s, side, model);
  }
}

describe('book side price ladder', () => {
  for (const isBid of [true, false]) {
    it(`${isBid ? 'bids' : 'asks'}: levels, queues and lookups match a plain model at any price`, () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 150 }), (ops) => run(isBid, ops)),
        { numRuns: scale(200, 5_000) },
      );
    });
  }

  it('a level 70,000 ticks from the others is matched in price order', () => {
    const { s, book, account } = oneBook();
    const prices = [MID, MID + 70_000, MID + 3, MID - 70_000, MID + 1];
    prices.forEach((p, i) => {
      book.asks.append(s.create(i + 1, account, book, false, 'LIMIT', 'GTC', p, 0, 1, null, 0, 0));
    });
    expect(levelsOf(book.asks).map(([p]) => p)).toEqual([
      MID - 70_000,
      MID,
      MID + 1,
      MID + 3,
      MID + 70_000,
    ]);
  });

  it('a far level stays in price order when the moved ladder later grows over it', () => {
    const { s, book, account } = oneBook();
    let id = 1;
    const add = (p: number): number => {
      const o = s.create(id++, account, book, true, 'LIMIT', 'GTC', p, 0, 1, null, 0, 0);
      book.bids.append(o);
      return o;
    };
    const near = add(MID);
    add(MID + 70_000); // beyond the ladder's reach: a sparse level
    book.bids.remove(near); // the ladder holds no order now
    add(MID + 40_000); // moves the ladder there
    add(MID + 69_000); // grows it up over MID + 70,000
    add(MID + 70_000);
    expect(levelsOf(book.bids)).toEqual([
      [MID + 70_000, 2],
      [MID + 69_000, 1],
      [MID + 40_000, 1],
    ]);
    expect(book.bids.depth).toBe(3);
  });
});

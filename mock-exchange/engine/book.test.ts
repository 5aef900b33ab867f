import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { Account } from './account';
import { SymbolBook } from './book';
import { NONE, OrderStore } from './order';

const inst = DEFAULT_INSTRUMENTS[0]!;

/** A store with one book and one account, and a maker of LIMIT GTC orders of 1 lot. */
function setup(): {
  s: OrderStore;
  book: SymbolBook;
  order: (id: number, price: number, isBuy?: boolean) => number;
} {
  const s = new OrderStore();
  const book = new SymbolBook(inst, 0, s);
  s.books.push(book);
  const account = new Account('a', true, 0, s);
  s.accounts.push(account);
  const order = (id: number, price: number, isBuy = true): number =>
    s.create(id, account, book, isBuy, 'LIMIT', 'GTC', price, 0, 1, null, 0, 0);
  return { s, book, order };
}

describe('book side', () => {
  it('keeps levels sorted best first and queues FIFO within a level', () => {
    const { s, book, order } = setup();
    const prices = [5, 9, 1, 7, 3, 9, 5];
    const orders = prices.map((p, i) => order(i + 1, p));
    for (const o of orders) book.bids.append(o);
    const levels = [];
    for (let i = 0; i < book.bids.depth; i++) levels.push(book.bids.levelAt(i)?.price);
    expect(levels).toEqual([9, 7, 5, 3, 1]);
    expect(s.id[book.bids.best()!.head]).toBe(2);
    expect(s.id[book.bids.best()!.tail]).toBe(6);
  });

  it('removing the last order of a level drops the level, anywhere in the side', () => {
    const { book, order } = setup();
    const orders = [10, 20, 30].map((p, i) => order(i + 1, p, false));
    for (const o of orders) book.asks.append(o);
    book.asks.remove(orders[1]!);
    expect(book.asks.depth).toBe(2);
    expect(book.asks.after(10)?.price).toBe(30);
    book.asks.remove(orders[0]!);
    expect(book.asks.best()?.price).toBe(30);
    expect(book.asks.after(30)).toBeUndefined();
  });

  it('a middle order leaves its queue in O(1) keeping the others in order', () => {
    const { s, book, order } = setup();
    const orders = [1, 2, 3].map((id) => order(id, 5));
    for (const o of orders) book.bids.append(o);
    book.bids.remove(orders[1]!);
    const level = book.bids.best()!;
    const head = level.head;
    expect([s.id[head], s.id[s.next[head]!], s.id[level.tail]]).toEqual([1, 3, 3]);
    expect(s.next[level.tail]).toBe(NONE);
    expect(level.lots).toBe(2);
  });
});

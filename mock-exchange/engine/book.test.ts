import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { Account } from './account';
import { SymbolBook } from './book';
import { EngineOrder } from './order';

const inst = DEFAULT_INSTRUMENTS[0]!;
const account = new Account('a', true);

function order(id: number, price: number, book: SymbolBook, isBuy = true): EngineOrder {
  return new EngineOrder(id, account, book, isBuy, 'LIMIT', 'GTC', price, 0, 1, null, 0, 0);
}

describe('book side', () => {
  it('keeps levels sorted best first and queues FIFO within a level', () => {
    const book = new SymbolBook(inst);
    const prices = [5, 9, 1, 7, 3, 9, 5];
    const orders = prices.map((p, i) => order(i + 1, p, book));
    for (const o of orders) book.bids.append(o);
    const levels = [];
    for (let i = 0; i < book.bids.depth; i++) levels.push(book.bids.levelAt(i)?.price);
    expect(levels).toEqual([9, 7, 5, 3, 1]);
    expect(book.bids.best()?.head?.id).toBe(2);
    expect(book.bids.best()?.tail?.id).toBe(6);
  });

  it('removing the last order of a level drops the level, anywhere in the side', () => {
    const book = new SymbolBook(inst);
    const orders = [10, 20, 30].map((p, i) => order(i + 1, p, book, false));
    for (const o of orders) book.asks.append(o);
    book.asks.remove(orders[1]!);
    expect(book.asks.depth).toBe(2);
    expect(book.asks.after(10)?.price).toBe(30);
    book.asks.remove(orders[0]!);
    expect(book.asks.best()?.price).toBe(30);
    expect(book.asks.after(30)).toBeUndefined();
  });

  it('a middle order leaves its queue in O(1) keeping the others in order', () => {
    const book = new SymbolBook(inst);
    const orders = [1, 2, 3].map((id) => order(id, 5, book));
    for (const o of orders) book.bids.append(o);
    book.bids.remove(orders[1]!);
    const level = book.bids.best()!;
    expect([level.head?.id, level.head?.next?.id, level.tail?.id]).toEqual([1, 3, 3]);
    expect(level.lots).toBe(2);
  });
});

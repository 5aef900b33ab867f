import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { Account } from './account';
import { SymbolBook } from './book';
import { EngineOrder } from './order';
import { OrderIndex } from './orderIndex';

const book = new SymbolBook(DEFAULT_INSTRUMENTS[0]!);
const account = new Account('a', true);
const order = (id: number): EngineOrder =>
  new EngineOrder(id, account, book, true, 'LIMIT', 'GTC', 1, 0, 1, null, 0, 0);

describe('order index', () => {
  it('finds orders by id across pages and iterates them in id order', () => {
    const index = new OrderIndex();
    const ids = [9000, 1, 4096, 4095, 5_000_000];
    for (const id of ids) index.set(order(id));
    expect(index.get(4096)?.id).toBe(4096);
    expect(index.get(2)).toBeUndefined();
    expect([...index.values()].map((o) => o.id)).toEqual([1, 4095, 4096, 9000, 5_000_000]);
  });

  it('forgets deleted orders and releases emptied pages', () => {
    const index = new OrderIndex();
    index.set(order(10));
    index.set(order(11));
    index.delete(10);
    index.delete(10);
    expect(index.get(10)).toBeUndefined();
    expect(index.get(11)?.id).toBe(11);
    index.delete(11);
    expect([...index.values()]).toEqual([]);
    index.set(order(12));
    expect(index.get(12)?.id).toBe(12);
  });
});

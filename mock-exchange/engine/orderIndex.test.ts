import { describe, expect, it } from 'vitest';
import { OrderIndex } from './orderIndex';

describe('order index', () => {
  it('finds order slots by id across pages and iterates them in id order', () => {
    const index = new OrderIndex();
    const ids = [9000, 1, 4096, 4095, 5_000_000];
    ids.forEach((id, slot) => index.set(id, slot));
    expect(index.get(4096)).toBe(2);
    expect(index.get(9000)).toBe(0);
    expect(index.get(2)).toBe(-1);
    expect(index.get(123_456_789)).toBe(-1);
    expect([...index.values()]).toEqual([1, 3, 2, 0, 4]);
  });

  it('forgets deleted orders and releases emptied pages', () => {
    const index = new OrderIndex();
    index.set(10, 0);
    index.set(11, 1);
    index.delete(10);
    index.delete(10);
    expect(index.get(10)).toBe(-1);
    expect(index.get(11)).toBe(1);
    index.delete(11);
    expect([...index.values()]).toEqual([]);
    index.set(12, 0);
    expect(index.get(12)).toBe(0);
  });
});

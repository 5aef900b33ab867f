import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INSTRUMENTS,
  ORDER_STATUSES,
  ORDER_TYPES,
  TIME_IN_FORCE,
} from '../../shared/domain';
import { Account } from './account';
import { SymbolBook } from './book';
import { OrderStore } from './order';

function setup(): { s: OrderStore; book: SymbolBook; account: Account } {
  const s = new OrderStore();
  const book = new SymbolBook(DEFAULT_INSTRUMENTS[0]!, 0, s);
  s.books.push(book);
  const account = new Account('a', true, 0, s);
  s.accounts.push(account);
  return { s, book, account };
}

describe('the packed fields of an order', () => {
  it('give back every side, type, time in force, status and flag they were given', () => {
    const { s, book, account } = setup();
    for (const isBuy of [true, false]) {
      for (const type of ORDER_TYPES) {
        for (const tif of TIME_IN_FORCE) {
          const o = s.create(1, account, book, isBuy, type, tif, 1, 0, 1, null, 0, 0);
          expect([s.isBuy(o), s.typeOf(o), s.tifOf(o), s.statusOf(o)]).toEqual([
            isBuy,
            type,
            tif,
            'NEW',
          ]);
          expect(s.aon(o)).toBe(tif === 'AON');
          expect(s.marketLike(o)).toBe(type === 'MARKET' || type === 'STOP');
          expect(s.isStopType(o)).toBe(type === 'STOP' || type === 'STOP_LIMIT');
          for (const status of ORDER_STATUSES) {
            s.setStatus(o, status);
            s.setTriggered(o, status === 'FILLED');
            s.setArmed(o, status !== 'FILLED');
            s.setResting(o, status === 'NEW');
            expect([s.isBuy(o), s.typeOf(o), s.tifOf(o), s.statusOf(o)]).toEqual([
              isBuy,
              type,
              tif,
              status,
            ]);
            expect([s.triggered(o), s.armed(o), s.resting(o)]).toEqual([
              status === 'FILLED',
              status !== 'FILLED',
              status === 'NEW',
            ]);
            expect(s.working(o)).toBe(status === 'NEW' || status === 'PARTIALLY_FILLED');
          }
          s.release(o);
        }
      }
    }
  });

  it('a reused slot is a new order with nothing of the old one', () => {
    const { s, book, account } = setup();
    const o = s.create(1, account, book, true, 'STOP', 'AON', 0, 5, 3, 'x', 10, 99);
    s.setStatus(o, 'FILLED');
    s.setTriggered(o, true);
    s.filled[o] = 3;
    s.setOco(o, 2);
    s.addFill(o, 5, 3, 1, 10);
    expect([s.quoteOf(o), s.fillsOf(o)]).toEqual([15, [5, 3, 1, 10]]);
    s.release(o);
    const again = s.create(7, account, book, false, 'LIMIT', 'GTC', 4, 0, 2, null, 20, 0);
    expect(again).toBe(o);
    expect({
      id: s.id[o],
      price: s.price[o],
      stop: s.stopOf(o),
      qty: s.qty[o],
      cid: s.cidOf(o),
      time: s.time[o],
      expireAt: s.expireAtOf(o),
      filled: s.filled[o],
      quote: s.quoteOf(o),
      oco: s.ocoOf(o),
      fills: s.fillsOf(o),
    }).toEqual({
      id: 7,
      price: 4,
      stop: 0,
      qty: 2,
      cid: null,
      time: 20,
      expireAt: 0,
      filled: 0,
      quote: 0,
      oco: 0,
      fills: null,
    });
    expect([
      s.isBuy(o),
      s.typeOf(o),
      s.tifOf(o),
      s.statusOf(o),
      s.triggered(o),
      s.armed(o),
    ]).toEqual([false, 'LIMIT', 'GTC', 'NEW', false, false]);
    expect(s.resting(o)).toBe(false);
  });

  it('keeps every order when the store grows past its first capacity', () => {
    const { s, book, account } = setup();
    const slots: number[] = [];
    for (let id = 1; id <= 5000; id++) {
      slots.push(
        s.create(id, account, book, id % 2 === 0, 'LIMIT', 'GTC', id, 0, id * 2, null, id, 0),
      );
    }
    expect(new Set(slots).size).toBe(5000);
    slots.forEach((o, i) => {
      expect([s.id[o], s.price[o], s.qty[o], s.time[o], s.isBuy(o)]).toEqual([
        i + 1,
        i + 1,
        (i + 1) * 2,
        i + 1,
        (i + 1) % 2 === 0,
      ]);
    });
  });

  it('keeps each order’s fills and running quote apart when fill entries are reused', () => {
    const { s, book, account } = setup();
    const a = s.create(1, account, book, true, 'LIMIT', 'GTC', 10, 0, 9, null, 0, 0);
    const b = s.create(2, account, book, false, 'LIMIT', 'GTC', 20, 0, 9, null, 0, 0);
    s.addFill(a, 10, 1, 1, 100);
    s.addFill(b, 20, 2, 2, 101);
    s.addFill(a, 11, 3, 3, 102);
    expect([s.fillsOf(a), s.quoteOf(a)]).toEqual([[10, 1, 1, 100, 11, 3, 3, 102], 43]);
    s.release(a);
    const c = s.create(3, account, book, true, 'LIMIT', 'GTC', 12, 0, 9, null, 0, 0);
    expect([s.fillsOf(c), s.quoteOf(c)]).toEqual([null, 0]);
    s.addFill(c, 12, 4, 4, 103);
    s.addFill(b, 21, 1, 5, 104);
    expect([s.fillsOf(c), s.quoteOf(c)]).toEqual([[12, 4, 4, 103], 48]);
    expect([s.fillsOf(b), s.quoteOf(b)]).toEqual([[20, 2, 2, 101, 21, 1, 5, 104], 61]);
  });
});

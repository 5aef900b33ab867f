import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INSTRUMENTS,
  ORDER_STATUSES,
  ORDER_TYPES,
  TIME_IN_FORCE,
} from '../../shared/domain';
import { Account } from './account';
import { SymbolBook } from './book';
import { EngineOrder, isMarketLike, isStopType, isWorking } from './order';

const book = new SymbolBook(DEFAULT_INSTRUMENTS[0]!);
const account = new Account('a', true);

describe('the packed fields of an order', () => {
  it('give back every side, type, time in force, status and flag they were given', () => {
    for (const isBuy of [true, false]) {
      for (const type of ORDER_TYPES) {
        for (const tif of TIME_IN_FORCE) {
          const o = new EngineOrder(1, account, book, isBuy, type, tif, 1, 0, 1, null, 0, 0);
          expect([o.isBuy, o.type, o.tif, o.status]).toEqual([isBuy, type, tif, 'NEW']);
          expect(o.aon).toBe(tif === 'AON');
          expect(isMarketLike(o)).toBe(type === 'MARKET' || type === 'STOP');
          expect(isStopType(o)).toBe(type === 'STOP' || type === 'STOP_LIMIT');
          for (const status of ORDER_STATUSES) {
            o.status = status;
            o.triggered = status === 'FILLED';
            o.armed = status !== 'FILLED';
            expect([o.isBuy, o.type, o.tif, o.status]).toEqual([isBuy, type, tif, status]);
            expect([o.triggered, o.armed]).toEqual([status === 'FILLED', status !== 'FILLED']);
            expect(isWorking(o)).toBe(status === 'NEW' || status === 'PARTIALLY_FILLED');
          }
        }
      }
    }
  });

  it('a reused record is a new order with nothing of the old one', () => {
    const o = new EngineOrder(1, account, book, true, 'STOP', 'AON', 0, 5, 3, 'x', 10, 99);
    o.status = 'FILLED';
    o.triggered = true;
    o.filled = 3;
    o.quote = 15;
    o.oco = 2;
    o.fills = [5, 3, 1, 10];
    o.reuse(7, account, book, false, 'LIMIT', 'GTC', 4, 0, 2, null, 20, 0);
    expect({ ...o, level: o.level }).toMatchObject({
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
      level: null,
    });
    expect([o.isBuy, o.type, o.tif, o.status, o.triggered, o.armed]).toEqual([
      false,
      'LIMIT',
      'GTC',
      'NEW',
      false,
      false,
    ]);
  });
});

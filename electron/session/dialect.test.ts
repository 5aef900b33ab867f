import { describe, expect, it } from 'vitest';
import { currentDialect, extendedDialect, firstDialect } from './dialect';

const limit = {
  symbol: 'EURUSD',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  price: 1.08,
  quantity: 1000,
  clientOrderId: 'pd-1',
};

describe('dialects write each revision exactly', () => {
  it('current: numeric login, tillTime, its own times in force, notes', () => {
    expect(
      currentDialect.placeOrder({
        ...limit,
        login: '100001',
        timeInForce: 'TPI',
        timeInForceDate: '2030-01-01T00:00:00.000Z',
        note: 'tp',
      }),
    ).toEqual({
      ok: true,
      payload: {
        ...limit,
        login: 100001,
        timeInForce: 'TPI',
        tillTime: '2030-01-01T00:00:00.000Z',
        note: 'tp',
      },
    });
  });

  it('current: refuses what the revision cannot say, in words', () => {
    expect(currentDialect.placeOrder({ ...limit, login: 'demo' })).toEqual({
      ok: false,
      message: expect.stringMatching(/numeric login/),
    });
    expect(currentDialect.placeOrder({ ...limit, login: '1', timeInForce: 'GTC' })).toEqual({
      ok: false,
      message: expect.stringMatching(/GTC is not offered/),
    });
    expect(currentDialect.modifyOrder({ orderId: 5, price: 1.1 })).toMatchObject({ ok: false });
  });

  it('current: modifies by clientOrderId, asks history since an ISO time', () => {
    expect(currentDialect.modifyOrder({ orderId: 5, clientOrderId: 'pd-1', price: 1.1 })).toEqual({
      ok: true,
      payload: { clientOrderId: 'pd-1', price: 1.1 },
    });
    expect(currentDialect.orders(Date.UTC(2030, 0, 1))).toEqual({
      ok: true,
      payload: { fromTime: '2030-01-01T00:00:00.000Z' },
    });
    expect(currentDialect.timesInForce('LIMIT')).toContain('TPI');
    // The first is the ticket's default: what the dialect writes when none is chosen.
    expect(currentDialect.timesInForce('LIMIT')[0]).toBe('TPI');
    expect(currentDialect.timesInForce('MARKET')[0]).toBe('IOC');
    expect(currentDialect.timesInForce('STOP')[0]).toBe('AON');
    expect(currentDialect.timesInForce('STOP')).not.toContain('TPI');
  });

  it('extended: our fields, no note, epoch fromTime; modify and cancel by orderId', () => {
    expect(extendedDialect.placeOrder({ ...limit, note: 'x', login: 'demo' })).toEqual({
      ok: true,
      payload: { ...limit, login: 'demo' },
    });
    expect(extendedDialect.modifyOrder({ orderId: 5, clientOrderId: 'pd-1', price: 1.1 })).toEqual({
      ok: true,
      payload: { orderId: 5, price: 1.1 },
    });
    expect(extendedDialect.orders(1234)).toEqual({ ok: true, payload: { fromTime: 1234 } });
  });

  it('first: no extensions, no history, no lookups by clientOrderId; its codes are its own', () => {
    expect(firstDialect.extensions).toBe(false);
    expect(firstDialect.history).toBeNull();
    expect(firstDialect.orderStatus({ clientOrderId: 'pd-1' })).toMatchObject({ ok: false });
    expect(firstDialect.meaning({ code: 2000, error: 'whatever 2000 means there' })).toBe('other');
    expect(firstDialect.meaning({ error: 'ORDER_NOT_EXISTS' })).toBe('unknown_order');
    expect(extendedDialect.meaning({ code: 2000, error: 'unknown order' })).toBe('unknown_order');
    expect(currentDialect.meaning({ event: 'ordercancel', error: 'ORDER_ALREADY_CLOSED' })).toBe(
      'order_final',
    );
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Api, FillRow } from '../../../../shared/ipc';
import { order } from '../testing/fixtures';
import { AppState } from './app.svelte';

const fill = (patch: Partial<FillRow>): FillRow => ({
  fillId: '81:1',
  orderId: 81,
  clientOrderId: 'c81',
  login: 'demo',
  symbol: 'EURUSD',
  side: 'BUY',
  price: 1.08,
  qty: 2000,
  time: 1_700_000_000_000,
  tradeId: 1,
  ...patch,
});

describe('AppState fills', () => {
  it('drops a derived fill main replaced by the exact one (fills missed while disconnected)', async () => {
    const exact = fill({});
    const orderDetail = vi.fn(async () => ({
      ok: true as const,
      value: { order: {} as never, fills: [exact] },
    }));
    const api = { orderDetail } as unknown as Api;
    const app = new AppState(api, { schedule: (flush) => flush() });

    // A resync first derives the fill from the order's executed quantity...
    app.apply({ fills: [[fill({ fillId: '81:c2000', tradeId: null })]] });
    // ...then main replaces it with the exchange's exact fill (and deletes the derived one).
    app.apply({ fills: [[exact]] });

    await vi.waitFor(() => expect(app.trading.fills.rows).toEqual([exact]));
    expect(orderDetail).toHaveBeenCalledWith({ orderId: 81 });
  });

  it('does not ask main when no derived fill is shown', () => {
    const orderDetail = vi.fn();
    const app = new AppState({ orderDetail } as unknown as Api, { schedule: (flush) => flush() });
    app.apply({ fills: [[fill({}), fill({ fillId: '82:2', orderId: 82, tradeId: 2 })]] });
    expect(app.trading.fills.rows).toHaveLength(2);
    expect(orderDetail).not.toHaveBeenCalled();
  });
});

describe('AppState working orders', () => {
  it('shows an order in Working until it is final, and never again after', () => {
    const app = new AppState({} as Api, { schedule: (flush) => flush() });
    const t0 = 1_700_000_000_000;
    app.apply({ orders: [[order({ orderId: 1 }), order({ orderId: 2, updatedAt: t0 + 1 })]] });
    expect(app.working.rows.map((o) => o.orderId)).toEqual([2, 1]);

    app.apply({ orders: [[order({ orderId: 1, status: 'FILLED', updatedAt: t0 + 2 })]] });
    expect(app.working.rows.map((o) => o.orderId)).toEqual([2]);
    expect(app.orders.rows.map((o) => [o.orderId, o.status])).toEqual([
      [1, 'FILLED'],
      [2, 'NEW'],
    ]);

    // A late NEW for the filled order is refused by the order store: it stays out of Working.
    app.apply({ orders: [[order({ orderId: 1, updatedAt: t0 + 3 })]] });
    expect(app.working.rows.map((o) => o.orderId)).toEqual([2]);
  });
});

import { describe, expect, it } from 'vitest';
import { AppState } from '../state/app.svelte';
import { order } from '../testing/fixtures';
import { createStubApi, type StubApi } from '../testing/stub-api';
import { ChartTrading } from './chartTrading.svelte';
import { orderLines, type LineSpec } from './overlays';

const EURUSD = { pricePrecision: 5, qtyPrecision: 0, tickSize: 0.00001 };
const LIMIT = order({ orderId: 5, price: 1.08, origQty: 3000, leavesQty: 3000 });
const STOP = order({ orderId: 6, side: 'SELL', type: 'STOP', price: null, stopPrice: 1.07 });

async function setup(confirmOrders = false) {
  const api = createStubApi({ orders: [LIMIT, STOP], settings: { confirmOrders } });
  const app = new AppState(api, { schedule: (flush) => flush() });
  await app.start();
  const trading = new ChartTrading(app);
  const lines = orderLines([LIMIT, STOP], 'EURUSD', EURUSD);
  return {
    api,
    app,
    trading,
    lines,
    line: (id: string) => lines.find((l) => l.id === id) as LineSpec,
  };
}

const sent = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

describe('ChartTrading', () => {
  it('drags a line to the nearest tick and modifies that price of the order', async () => {
    const { api, trading, lines, line } = await setup();
    trading.startDrag(line('order:5:price'));
    trading.moveDrag(1.0812345, EURUSD);
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08123);
    await trading.endDrag(EURUSD);
    expect(sent(api, 'modifyOrder')).toEqual([{ orderId: 5, price: 1.08123 }]);
    expect(trading.message).toEqual({
      kind: 'info',
      text: 'Move BUY 3,000 LIMIT (order 5) from 1.08000 to 1.08123: sent',
    });
    // Until the order's update arrives the line stays where it was dropped.
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08123);
    const updated = orderLines([{ ...LIMIT, price: 1.08123 }, STOP], 'EURUSD', EURUSD);
    trading.settle(updated);
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08);
  });

  it("moves a stop order's stop price", async () => {
    const { api, trading, line } = await setup();
    trading.startDrag(line('order:6:stopPrice'));
    trading.moveDrag(1.06, EURUSD);
    await trading.endDrag(EURUSD);
    expect(sent(api, 'modifyOrder')).toEqual([{ orderId: 6, stopPrice: 1.06 }]);
  });

  it('puts the line back and says why when the exchange refuses the move', async () => {
    const { api, trading, lines, line } = await setup();
    api.reply('modifyOrder', () => ({
      ok: false,
      error: { code: 'EXCHANGE', message: 'Price is outside the allowed band', exchangeCode: 2004 },
    }));
    trading.startDrag(line('order:5:price'));
    trading.moveDrag(1.2, EURUSD);
    await trading.endDrag(EURUSD);
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08);
    expect(trading.message).toEqual({
      kind: 'error',
      text: 'Order 5 not moved: Price is outside the allowed band',
    });
  });

  it('sends nothing when the drag is cancelled (Escape) or the line is dropped where it was', async () => {
    const { api, trading, lines, line } = await setup();
    trading.startDrag(line('order:5:price'));
    trading.moveDrag(1.09, EURUSD);
    trading.cancelDrag();
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08);
    trading.startDrag(line('order:5:price'));
    trading.moveDrag(1.080001, EURUSD);
    await trading.endDrag(EURUSD);
    expect(sent(api, 'modifyOrder')).toEqual([]);
  });

  it('asks first when the confirmation setting is on: yes sends, no puts the line back', async () => {
    const { api, trading, lines, line } = await setup(true);
    trading.startDrag(line('order:5:price'));
    trading.moveDrag(1.079, EURUSD);
    await trading.endDrag(EURUSD);
    expect(trading.confirming?.summary).toBe(
      'Move BUY 3,000 LIMIT (order 5) from 1.08000 to 1.07900',
    );
    expect(sent(api, 'modifyOrder')).toEqual([]);
    trading.decline();
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08);
    expect(sent(api, 'modifyOrder')).toEqual([]);

    trading.startDrag(line('order:5:price'));
    trading.moveDrag(1.079, EURUSD);
    await trading.endDrag(EURUSD);
    await trading.confirm();
    expect(sent(api, 'modifyOrder')).toEqual([{ orderId: 5, price: 1.079 }]);
  });

  it('cancels the order of a line', async () => {
    const { api, trading } = await setup();
    await trading.cancel(6);
    expect(sent(api, 'cancelOrder')).toEqual([{ orderId: 6 }]);
    expect(trading.message).toEqual({ kind: 'info', text: 'Cancel sent for order 6' });
  });

  it('sends a context-menu order through the ticket, pre-filled with type, instrument and price', async () => {
    const { api, app, trading } = await setup();
    await trading.trade('SELL', 'STOP', 'GBPUSD', 1.25);
    expect(app.ticket.draft).toMatchObject({
      symbol: 'GBPUSD',
      type: 'STOP',
      stopPrice: '1.25000',
    });
    expect(sent(api, 'placeOrder')).toEqual([
      expect.objectContaining({ symbol: 'GBPUSD', side: 'SELL', type: 'STOP', stopPrice: 1.25 }),
    ]);
    await trading.trade('BUY', 'LIMIT', 'EURUSD', 1.07);
    expect(sent(api, 'placeOrder')[1]).toMatchObject({
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
    });
  });
});

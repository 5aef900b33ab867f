import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToolSettings } from '../../../../shared/ipc';
import { AppState } from '../state/app.svelte';
import { order } from '../testing/fixtures';
import { createStubApi, type StubApi } from '../testing/stub-api';
import { ToolsUi } from '../tools/tools.svelte';
import { setQuickTrader } from '../tools/quickOrder';
import { ChartTrading } from './chartTrading.svelte';
import { alertLines, orderLines, type LineSpec } from './overlays';

const EURUSD = {
  symbol: 'EURUSD',
  pricePrecision: 5,
  qtyPrecision: 0,
  tickSize: 0.00001,
  minQty: 1000,
};
const GBPUSD = { ...EURUSD, symbol: 'GBPUSD' };
const LIMIT = order({ orderId: 5, price: 1.08, origQty: 3000, leavesQty: 3000 });
const STOP = order({ orderId: 6, side: 'SELL', type: 'STOP', price: null, stopPrice: 1.07 });

afterEach(() => setQuickTrader(null));

async function setup(confirmOrders = false, toolSettings?: ToolSettings) {
  const api = createStubApi({ orders: [LIMIT, STOP], settings: { confirmOrders } });
  if (toolSettings) await api.saveToolSettings(toolSettings);
  const app = new AppState(api, { schedule: (flush) => flush() });
  await app.start();
  // The tools' one door, as App sets it up.
  const toolsUi = new ToolsUi(api, app);
  await toolsUi.start();
  setQuickTrader(toolsUi);
  await vi.waitFor(() =>
    expect(toolsUi.state.settings.oneClick).toBe(toolSettings?.oneClick ?? false),
  );
  const trading = new ChartTrading(app, toolsUi);
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
  it('drags an alert line to a new price: the alert is saved there, armed, with no confirmation', async () => {
    const { api, trading } = await setup(true);
    const alert = await api.saveAlert({ symbol: 'EURUSD', condition: 'above', price: 1.09 });
    if (!alert.ok) throw new Error('no alert');
    const [line] = alertLines([alert.value], 'EURUSD');
    if (!line) throw new Error('no alert line');
    trading.startDrag(line);
    trading.moveDrag(1.0912345, EURUSD);
    await trading.endDrag(EURUSD);
    expect(sent(api, 'saveAlert').at(-1)).toEqual({
      id: alert.value.id,
      symbol: 'EURUSD',
      condition: 'above',
      price: 1.09123,
    });
    expect(trading.confirming).toBeNull();
    expect(trading.message).toEqual({ kind: 'info', text: 'Alert above moved to 1.09123, armed' });
    // Until the tools' state says so, the line stays where it was dropped.
    expect(trading.place([line])[0]?.price).toBe(1.09123);
    trading.settle(alertLines([{ ...alert.value, price: 1.09123 }], 'EURUSD'));
    expect(trading.place([line])[0]?.price).toBe(1.09);
  });

  it('puts an alert line back and says why when main refuses the move', async () => {
    const { api, trading } = await setup();
    const alert = await api.saveAlert({ symbol: 'EURUSD', condition: 'below', price: 1.07 });
    if (!alert.ok) throw new Error('no alert');
    const [line] = alertLines([alert.value], 'EURUSD');
    if (!line) throw new Error('no alert line');
    api.reply('saveAlert', () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'price: must be positive' },
    }));
    trading.startDrag(line);
    trading.moveDrag(1.06, EURUSD);
    await trading.endDrag(EURUSD);
    expect(trading.place([line])[0]?.price).toBe(1.07);
    expect(trading.message).toEqual({
      kind: 'error',
      text: 'Alert not moved to 1.06000: price: must be positive',
    });
  });

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

  it('fills the ticket in from a context-menu order (type, instrument, price) and sends nothing', async () => {
    const { api, app, trading } = await setup();
    expect(trading.quickQty(GBPUSD)).toBeNull();
    expect(await trading.trade('SELL', 'STOP', GBPUSD, 1.25)).toBe('ticket');
    expect(app.ticket.draft).toMatchObject({
      symbol: 'GBPUSD',
      type: 'STOP',
      stopPrice: '1.25000',
    });
    expect(await trading.trade('BUY', 'LIMIT', EURUSD, 1.07)).toBe('ticket');
    expect(app.ticket.draft).toMatchObject({ symbol: 'EURUSD', type: 'LIMIT', price: '1.07000' });
    expect(sent(api, 'placeOrder')).toEqual([]);
  });

  it("in one-click mode sends a context-menu order at once with the instrument's default quantity", async () => {
    const { api, app, trading } = await setup(true, {
      oneClick: true,
      limits: { EURUSD: { defaultQty: 5000 }, '*': { defaultQty: 2000 } },
    });
    expect(trading.quickQty(EURUSD)).toBe(5000);
    expect(await trading.trade('BUY', 'LIMIT', EURUSD, 1.07)).toBe('sent');
    // The `*` entry covers instruments without their own default.
    expect(await trading.trade('SELL', 'STOP', GBPUSD, 1.25)).toBe('sent');
    // One-click bypasses the confirmation the settings ask for, as on the ladder.
    expect(sent(api, 'placeOrder')).toEqual([
      { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', quantity: 5000, price: 1.07 },
      { symbol: 'GBPUSD', side: 'SELL', type: 'STOP', quantity: 2000, stopPrice: 1.25 },
    ]);
    // Nothing went through the ticket.
    expect(app.ticket.draft.price).not.toBe('1.07000');
  });

  it('moves a line with the keys tick by tick, sends on Enter, and puts it back on Escape', async () => {
    const { api, trading, lines, line } = await setup();
    trading.nudge(line('order:5:price'), 1, EURUSD);
    trading.nudge(line('order:5:price'), 10, EURUSD);
    expect(trading.drag).toMatchObject({ price: 1.08011, keys: true });
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08011);
    trading.cancelDrag();
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08);

    trading.nudge(line('order:5:price'), -3, EURUSD);
    // Moving another line puts the first back.
    trading.nudge(line('order:6:stopPrice'), -1, EURUSD);
    expect(trading.place(lines).find((l) => l.id === 'order:5:price')?.price).toBe(1.08);
    expect(trading.place(lines).find((l) => l.id === 'order:6:stopPrice')?.price).toBe(1.06999);
    await trading.endDrag(EURUSD);
    expect(sent(api, 'modifyOrder')).toEqual([{ orderId: 6, stopPrice: 1.06999 }]);
  });
});

/** Journeys 12-13: the exchange and the app restart; nothing the user saw is lost. */
import { Desk, type GridRow, poll, summarize } from '../desk';
import { expect, test, type TestExchange } from '../fixtures';

/** The exchange's orders as the Orders blotter shows them: "id status filled", sorted. */
function exchangeOrders(exchange: TestExchange): string[] {
  return exchange
    .allOrders()
    .map((o) => `${o.orderId} ${o.status} ${o.executedQty.toLocaleString('en-US')}`)
    .sort();
}
const shownOrders = (rows: GridRow[]): string[] => summarize(rows, 'Order ID', 'Status', 'Filled');

test.describe('12. the exchange is killed and restarted', () => {
  // A slower first reconnect leaves room to move the market before the app is back.
  test.use({ sessionTuning: { backoffInitialMs: 3_000, backoffMaxMs: 6_000 } });

  test('banner shows Reconnecting, then Connected; blotters equal the exchange, fills while away included', async ({
    page,
    exchange,
    shot,
  }) => {
    const desk = await Desk.connected(page);
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '2000',
      price: '1.08000',
    });
    await desk.place('Sell', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '1000',
      price: '1.09500',
    });
    const working = desk.grid('Working');
    await desk.expectRowCount(working, 2);

    await exchange.stop();
    await expect(desk.connection).toContainText('Reconnecting');
    const banner = page.getByRole('alert').filter({ hasText: 'Reconnecting' });
    await expect(banner).toContainText('Connection lost');
    await shot('12-reconnecting');

    await exchange.restart();
    // The buy fills while the app is still away (its next attempt is seconds off).
    exchange.setPrice('EURUSD', 1.079);
    expect(exchange.controls.sessions(), 'the app reconnected before the fill').toBe(0);
    expect(exchange.workingOrders()).toHaveLength(1);

    await expect(desk.connection).toContainText('Connected', { timeout: 20_000 });
    await expect(banner).toHaveCount(0);
    await poll(() => desk.rows(working)).toEqual([
      expect.objectContaining({ Side: 'SELL', Price: '1.09500', Status: 'NEW' }),
    ]);
    await shot('12-reconnected');

    const fills = await desk.show('Fills');
    await poll(() => desk.rows(fills)).toEqual([
      expect.objectContaining({ Side: 'BUY', Qty: '2,000', Price: '1.08000' }),
    ]);
    const orders = await desk.show('Orders');
    await poll(async () => shownOrders(await desk.rows(orders))).toEqual(exchangeOrders(exchange));
    await shot('12-orders-after');
  });
});

test('13. the app is restarted: Orders and Fills still hold everything', async ({
  app,
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Market', quantity: '3000' });
  await desk.place('Sell', { symbol: 'EURUSD', type: 'Market', quantity: '1000' });
  await desk.place('Buy', { symbol: 'USDJPY', type: 'Limit', quantity: '1000', price: '150.000' });
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '1000', price: '1.07000' });
  await desk.row(desk.grid('Working'), '1.07000').getByRole('button', { name: 'Cancel' }).click();
  await desk.expectRowCount(desk.grid('Working'), 1);

  let orders = await desk.show('Orders');
  await desk.expectRowCount(orders, 4);
  const ordersBefore = await desk.rows(orders);
  let fills = await desk.show('Fills');
  await desk.expectRowCount(fills, 2);
  const fillsBefore = await desk.rows(fills);

  const restarted = await Desk.connected(await app.restart());
  orders = await restarted.show('Orders');
  await poll(async () => shownOrders(await restarted.rows(orders))).toEqual(
    shownOrders(ordersBefore),
  );
  await poll(async () => shownOrders(await restarted.rows(orders))).toEqual(
    exchangeOrders(exchange),
  );
  await shot('13-orders-after-restart');
  fills = await restarted.show('Fills');
  // Both fills carry the same millisecond: compare them in trade order.
  const byTrade = (rows: GridRow[]) =>
    [...rows].sort((a, b) => Number(a['Trade ID']) - Number(b['Trade ID']));
  await poll(async () => byTrade(await restarted.rows(fills))).toEqual(byTrade(fillsBefore));
  await shot('13-fills-after-restart');
  const working = await restarted.show('Working');
  await poll(() => restarted.rows(working)).toEqual([
    expect.objectContaining({ Symbol: 'USDJPY', Price: '150.000', Status: 'NEW' }),
  ]);
});

test.describe('14. the exchange comes back reset', () => {
  test.use({ sessionTuning: { backoffInitialMs: 300, backoffMaxMs: 1_000 } });

  test('an order it no longer knows leaves Working, closed with the reason, and the user is told once', async ({
    page,
    exchange,
    shot,
  }) => {
    const desk = await Desk.connected(page);
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '2000',
      price: '1.07000',
    });
    const working = desk.grid('Working');
    await desk.expectRowCount(working, 1);
    const [lost] = exchange.workingOrders();
    if (!lost) throw new Error('the order is not at the exchange');

    // Its journal is gone: it restarts knowing no order of before (as a reset venue does).
    await exchange.restart({ reset: true });
    // The resync after the reconnect finds it unknown and says so, once.
    const log = page.getByRole('region', { name: 'Event log' });
    const told = log.getByText(
      /is no longer at the exchange \(it answered "unknown order" on reconnect\): closed here/,
    );
    await expect(told).toHaveCount(1, { timeout: 20_000 });
    await expect(desk.connection).toContainText('Connected');
    await desk.expectRowCount(working, 0);
    await expect(told).toContainText(`BUY 2,000 EURUSD (${lost.clientOrderId})`);
    const orders = await desk.show('Orders');
    await poll(() => desk.rows(orders)).toEqual([
      expect.objectContaining({
        'Order ID': String(lost.orderId),
        Status: 'CANCELED',
        Reason: 'NOT_AT_EXCHANGE',
      }),
    ]);
    // Nor is it drawn on the chart any more.
    const chartLines = page
      .getByRole('region', { name: 'Chart' })
      .getByRole('group', { name: 'Order lines' });
    await expect(chartLines.getByRole('button')).toHaveCount(0);
    await shot('14-reset-exchange');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('14-reset-exchange-1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    // A new order trades as usual, under the reset exchange's own ids.
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '1000',
      price: '1.06000',
    });
    await desk.expectRowCount(await desk.show('Working'), 1);
    await expect(told).toHaveCount(1);
  });
});

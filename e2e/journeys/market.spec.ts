/** Journeys 6-9: the market moves (deterministically, through the exchange's controls). */
import { dateTimeLocal, Desk, poll } from '../desk';
import { expect, test } from '../fixtures';

test('6. a resting limit fills when the market moves to it; a toast announces it', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '2000', price: '1.08000' });
  const working = desk.grid('Working');
  await desk.expectRowCount(working, 1);

  exchange.setPrice('EURUSD', 1.079);
  const toast = page.getByRole('status').filter({ hasText: /^Fill/ });
  await expect(toast).toContainText(/Bought 2,?000 EURUSD @ 1\.08/);
  await desk.expectRowCount(working, 0);
  await shot('06-fill-toast');

  const fills = await desk.show('Fills');
  await poll(() => desk.rows(fills)).toEqual([
    expect.objectContaining({ Symbol: 'EURUSD', Side: 'BUY', Qty: '2,000', Price: '1.08000' }),
  ]);
});

test('7. stop and stop-limit orders trigger when the market crosses the stop', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  await desk.place('Buy', {
    symbol: 'EURUSD',
    type: 'Stop',
    quantity: '1000',
    stopPrice: '1.09000',
  });
  await desk.place('Buy', {
    symbol: 'EURUSD',
    type: 'Stop limit',
    quantity: '2000',
    stopPrice: '1.09000',
    price: '1.09100',
  });
  const working = desk.grid('Working');
  await poll(() => desk.columns(working, 'Type', 'Stop', 'Price', 'Status')).toEqual([
    'STOP 1.09000  NEW',
    'STOP_LIMIT 1.09000 1.09100 NEW',
  ]);
  await shot('07-stops-working');

  // Below the stop nothing happens...
  exchange.setPrice('EURUSD', 1.0895);
  await expect(desk.quote('EURUSD', 'bid')).toHaveAccessibleName(/^EURUSD bid 1\.0894/);
  expect(exchange.workingOrders()).toHaveLength(2);
  // ...through it, both trigger and fill.
  exchange.setPrice('EURUSD', 1.0905);
  await desk.expectRowCount(working, 0);

  const orders = await desk.show('Orders');
  await poll(() => desk.columns(orders, 'Type', 'Filled', 'Status')).toEqual([
    'STOP 1,000 FILLED',
    'STOP_LIMIT 2,000 FILLED',
  ]);
  const fills = await desk.show('Fills');
  await desk.expectRowCount(fills, 2);
  for (const row of await desk.rows(fills)) {
    expect(Number(row.Price)).toBeGreaterThanOrEqual(1.09);
    expect(Number(row.Price)).toBeLessThanOrEqual(1.091);
  }
  await shot('07-stops-filled');
});

test('8. OCO: one leg fills, the other shows CANCELED', async ({ page, exchange, shot }) => {
  const desk = await Desk.connected(page);
  await desk.placeOco({
    symbol: 'EURUSD',
    side: 'Sell',
    quantity: '2000',
    limitPrice: '1.09000',
    stopPrice: '1.08000',
  });
  const working = desk.grid('Working');
  await desk.expectRowCount(working, 2);
  await shot('08-oco-working');

  exchange.setPrice('EURUSD', 1.091);
  await desk.expectRowCount(working, 0);
  const orders = await desk.show('Orders');
  await poll(() => desk.columns(orders, 'Side', 'Type', 'Status')).toEqual([
    'SELL LIMIT FILLED',
    'SELL STOP CANCELED',
  ]);
  await shot('08-oco-done');
});

test.describe('9. time in force', () => {
  test('GTT expires when the clock passes its time', async ({ page, exchange, shot }) => {
    const desk = await Desk.connected(page);
    // The picker has minutes: the next minute but one is at least 60 s away.
    const expiresAt = Math.floor(Date.now() / 60_000) * 60_000 + 120_000;
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '1000',
      price: '1.08000',
      timeInForce: 'GTT',
      expires: dateTimeLocal(expiresAt),
    });
    const working = desk.grid('Working');
    await poll(() => desk.rows(working)).toEqual([
      expect.objectContaining({ TIF: 'GTT', Status: 'NEW' }),
    ]);
    await shot('09-gtt-working');

    exchange.controls.advance(expiresAt - exchange.controls.now() + 1_000);
    await desk.expectRowCount(working, 0);
    const orders = await desk.show('Orders');
    await poll(() => desk.rows(orders)).toEqual([
      expect.objectContaining({ TIF: 'GTT', Filled: '0', Status: 'EXPIRED' }),
    ]);
  });

  test('FOK that cannot fill shows EXPIRED', async ({ page, exchange, shot }) => {
    const desk = await Desk.connected(page);
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '1000',
      price: '1.08000',
      timeInForce: 'FOK',
    });
    await expect(desk.ticketStatus).toContainText('EXPIRED');
    const orders = await desk.show('Orders');
    await poll(() => desk.rows(orders)).toEqual([
      expect.objectContaining({ TIF: 'FOK', Filled: '0', Status: 'EXPIRED' }),
    ]);
    await shot('09-fok-expired');
    // The Working grid is not rendered while Orders is shown: look at it, and at the exchange.
    await desk.expectRowCount(await desk.show('Working'), 0);
    expect(exchange.workingOrders()).toEqual([]);
  });

  test('IOC shows its partial fill and the EXPIRED remainder', async ({ page, exchange, shot }) => {
    const desk = await Desk.connected(page);
    const [ask] = exchange.handle.engine.book('EURUSD', 1).asks;
    if (!ask) throw new Error('no ask');
    const [price, available] = ask;
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: String(available + 5000),
      price: price.toFixed(5),
      timeInForce: 'IOC',
    });
    await expect(desk.ticketStatus).toContainText('EXPIRED');
    const grouped = available.toLocaleString('en-US');
    const orders = await desk.show('Orders');
    await poll(() => desk.rows(orders)).toEqual([
      expect.objectContaining({
        TIF: 'IOC',
        Qty: (available + 5000).toLocaleString('en-US'),
        Filled: grouped,
        Leaves: '0',
        Status: 'EXPIRED',
      }),
    ]);
    await shot('09-ioc-partial');
    const fills = await desk.show('Fills');
    await poll(() => desk.rows(fills)).toEqual([
      expect.objectContaining({ Qty: grouped, Price: price.toFixed(5) }),
    ]);
  });
});

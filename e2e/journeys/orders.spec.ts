/** Journeys 2-5: a limit order's life (place, modify, cancel) and a market buy. */
import { Desk, poll } from '../desk';
import { expect, test, type TestExchange } from '../fixtures';

/** The best ask the exchange's maker quotes for a symbol. */
function bestAsk(exchange: TestExchange, symbol: string): number {
  const ask = exchange.handle.engine.book(symbol, 1).asks[0];
  if (!ask) throw new Error(`no ask for ${symbol}`);
  return ask[0];
}

test('2. a limit buy below the market is pending, then NEW in Working orders', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  // Hold the exchange's reply back so "pending" stays on screen long enough to be seen.
  exchange.controls.faults.delayReplies(2_500);
  await desk.fillTicket({ symbol: 'EURUSD', type: 'Limit', quantity: '3000', price: '1.08000' });
  await desk.sideButton('Buy').click();
  await expect(desk.ticketStatus).toContainText('Pending');
  await expect(desk.sideButton('Buy')).toBeDisabled();
  await shot('02-pending');
  await expect(desk.ticketStatus).toContainText(/Sent.*NEW/);
  exchange.controls.faults.clear();

  const working = desk.grid('Working');
  await desk.expectRowCount(working, 1);
  const [row] = await desk.rows(working);
  expect(row).toMatchObject({
    Symbol: 'EURUSD',
    Side: 'BUY',
    Type: 'LIMIT',
    Qty: '3,000',
    Filled: '0',
    Price: '1.08000',
    Status: 'NEW',
    TIF: 'GTC',
  });
  expect(exchange.workingOrders()).toHaveLength(1);
  await shot('02-working');
});

test('3. modify a working order inline: the row shows the new price and quantity', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '3000', price: '1.08000' });
  const working = desk.grid('Working');
  const row = desk.row(working, '1.08000');
  await row.getByRole('button', { name: 'Modify' }).click();
  const price = working.getByRole('textbox', { name: 'New price' });
  await expect(price).toBeFocused();
  await price.fill('1.08150');
  await working.getByRole('textbox', { name: 'New qty' }).fill('5000');
  await shot('03-modify-editing');
  await working.getByRole('button', { name: 'Save' }).click();

  await expect(desk.row(working, '1.08150')).toBeVisible();
  await poll(() => desk.rows(working)).toEqual([
    expect.objectContaining({ Price: '1.08150', Qty: '5,000', Status: 'NEW' }),
  ]);
  const [atExchange] = exchange.workingOrders();
  expect(atExchange).toMatchObject({ price: 1.0815, origQty: 5000 });
  await shot('03-modified');
});

test('4. cancel a working order: gone from Working, CANCELED in Orders', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '2000', price: '1.07900' });
  const working = desk.grid('Working');
  await desk.row(working, '1.07900').getByRole('button', { name: 'Cancel' }).click();
  await desk.expectRowCount(working, 0);
  await expect(working).toContainText('No rows');
  expect(exchange.workingOrders()).toHaveLength(0);

  const orders = await desk.show('Orders');
  await poll(() => desk.rows(orders)).toEqual([
    expect.objectContaining({
      Symbol: 'EURUSD',
      Side: 'BUY',
      Price: '1.07900',
      Status: 'CANCELED',
    }),
  ]);
  await shot('04-canceled');
});

test('5. market buy: filled, a Fills row, and the position with its average price', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  const ask = bestAsk(exchange, 'EURUSD').toFixed(5);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Market', quantity: '2000' });
  await expect(desk.ticketStatus).toContainText('FILLED');

  const fills = await desk.show('Fills');
  await poll(() => desk.rows(fills)).toEqual([
    expect.objectContaining({ Symbol: 'EURUSD', Side: 'BUY', Qty: '2,000', Price: ask }),
  ]);
  await shot('05-fills');

  const positions = await desk.show('Positions');
  await poll(() => desk.rows(positions)).toEqual([
    expect.objectContaining({
      Symbol: 'EURUSD',
      Side: 'LONG',
      'Net qty': '2,000',
      'Avg price (FIFO)': ask,
    }),
  ]);
  await shot('05-positions');

  const orders = await desk.show('Orders');
  await poll(() => desk.rows(orders)).toEqual([
    expect.objectContaining({ Type: 'MARKET', Filled: '2,000', Status: 'FILLED' }),
  ]);
});

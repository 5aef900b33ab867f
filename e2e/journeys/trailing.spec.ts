/**
 * A trailing stop from the Working blotter: a sell stop is trailed 10 ticks from its row,
 * the manual-clock market rises, the stop moves up at the exchange, and the Trail column
 * shows the distance until the trail is stopped.
 */
import { Desk, poll } from '../desk';
import { expect, test } from '../fixtures';
import { TICK, move, px, top } from '../market';

test('trailing 1. a stop trailed from the Working blotter follows the rising market', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  const bid = top(exchange).bid;
  const stop = px(bid - 0.002);
  await desk.place('Sell', {
    symbol: 'EURUSD',
    type: 'Stop',
    quantity: '1000',
    stopPrice: stop.toFixed(5),
  });
  const grid = await desk.show('Working');
  const row = desk.row(grid, stop.toFixed(5));
  await expect(row).toBeVisible();

  // Start trailing from the row's action, 10 ticks behind the market.
  await row.getByRole('button', { name: 'Trail' }).click();
  const editor = page.getByRole('form', { name: /^Trailing stop of order / });
  await expect(editor.getByText('Trailing works only while this app runs')).toBeVisible();
  const distance = editor.getByLabel('Trail distance');
  // A bad distance is refused on the spot.
  await distance.fill('2.5');
  await editor.getByRole('button', { name: 'Start trailing' }).click();
  await expect(page.getByRole('alert')).toContainText('Trail distance is a whole number of ticks');
  await distance.fill('10');
  await editor.getByLabel('Trail unit').selectOption('ticks');
  await shot('trailing-00-editor');
  await editor.getByRole('button', { name: 'Start trailing' }).click();
  await expect(editor).toBeHidden();

  // The market rises: main moves the stop up to 10 ticks under the highest trade.
  move(exchange, bid + 0.003);
  const high = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  const trailed = px(high - 10 * TICK);
  await poll(() => exchange.workingOrders()[0]?.stopPrice).toBe(trailed);
  const moved = desk.row(grid, trailed.toFixed(5));
  await expect(moved).toBeVisible();
  await expect(moved.locator('[data-col="trail"]')).toHaveText('10 ticks');
  await shot('trailing-01-trailed');

  // Stopping the trail leaves the stop where it is and blanks the column.
  await moved.getByRole('button', { name: 'Trail' }).click();
  await editor.getByRole('button', { name: 'Stop trailing' }).click();
  await expect(moved.locator('[data-col="trail"]')).toHaveText('');
  move(exchange, bid + 0.004);
  // Once the app shows the new last trade, main has had the quote a trail would follow.
  const last = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  await expect(desk.quote('EURUSD', 'last')).toHaveAccessibleName(
    new RegExp(`^EURUSD last ${last.toFixed(5)}`),
  );
  await expect(desk.row(grid, trailed.toFixed(5))).toBeVisible();
  expect(exchange.workingOrders()[0]?.stopPrice).toBe(trailed);
  await shot('trailing-02-stopped');
});

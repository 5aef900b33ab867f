/**
 * Trading tools: the depth ladder (buy, cancel), position actions (close,
 * reverse), a bracket from the order ticket whose exits appear and settle, a
 * stop loss alone that a Close cancels, a trailing stop, a price alert, and a
 * fat-finger order stopped by a safety limit then overridden.
 */
import type { Locator, Page } from '@playwright/test';
import { Desk, poll } from '../desk';
import { expect, test } from '../fixtures';
import { move, px, top } from '../market';

/** The tools dock's tab `name`, shown. */
async function toolsTab(
  page: Page,
  name: 'Ladder' | 'Alerts' | 'Brackets' | 'Limits',
): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Tools' }).getByRole('tab', { name }).click();
  return page.locator('#tools-panel');
}

/** The ladder's Buy market with one-click trading off: asks first, then sends on Confirm. */
async function ladderBuyMarket(page: Page): Promise<void> {
  const ladder = page.getByRole('region', { name: 'Depth ladder' });
  await ladder.getByRole('button', { name: 'Buy market' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Send this order?' });
  await expect(ask).toContainText(/^.*BUY [\d,]+ EURUSD MARKET/);
  await ask.getByRole('button', { name: 'Confirm' }).click();
}

/** The net EURUSD position shown in the Positions blotter ('' when flat or absent). */
async function netShown(desk: Desk): Promise<string> {
  const rows = await desk.rows(desk.grid('Positions'));
  return rows.find((r) => r['Symbol'] === 'EURUSD')?.['Net qty'] ?? '';
}

test('tools 1. buy from the ladder, then cancel from the ladder', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  const ladder = page.getByRole('region', { name: 'Depth ladder' });
  await expect(ladder.getByRole('grid')).toBeVisible();
  const { bid } = top(exchange);
  const below = px(bid - 0.00005);
  await expect(
    ladder.getByRole('button', { name: `Buy limit at ${bid.toFixed(5)}` }),
  ).not.toHaveText('');
  const buyBelow = ladder.getByRole('button', { name: `Buy limit at ${below.toFixed(5)}` });
  await buyBelow.click();
  // One-click trading is off: a click on a price asks first.
  const ask = page.getByRole('alertdialog', { name: 'Send this order?' });
  await expect(ask).toContainText(`BUY 1,000 EURUSD LIMIT @ ${below.toFixed(5)}`);
  await shot('tools-01-ladder-confirm');
  await ask.getByRole('button', { name: 'Confirm' }).click();
  const working = desk.grid('Working');
  await desk.expectRowCount(working, 1);
  expect(exchange.workingOrders()).toEqual([
    expect.objectContaining({ side: 'BUY', price: below }),
  ]);
  const mine = ladder.getByRole('button', { name: `Cancel my 1 order at ${below.toFixed(5)}` });
  await expect(mine).toHaveText(/1×1,000/);
  await shot('tools-01-ladder-order');
  await mine.click();
  await desk.expectRowCount(working, 0);
  expect(exchange.workingOrders()).toEqual([]);

  // One-click: unmistakable while on, and then a click sends at once.
  await page.getByRole('checkbox', { name: /One-click trading/ }).check();
  await expect(page.getByRole('alert', { name: 'One-click trading is on' })).toBeVisible();
  await buyBelow.click();
  await desk.expectRowCount(working, 1);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await shot('tools-01-one-click');
  await mine.click();
  await desk.expectRowCount(working, 0);
});

test('tools 2. close and reverse a position from the Positions blotter', async ({ page, shot }) => {
  const desk = await Desk.connected(page);
  await shot('tools-02-watchlist');
  await ladderBuyMarket(page);
  const positions = await desk.show('Positions');
  await poll(() => netShown(desk)).toBe('1,000');
  await shot('tools-02-position');
  await desk.row(positions, 'EURUSD').getByRole('button', { name: 'Close' }).click();
  await poll(() => netShown(desk)).toBe('0');
  await expect(page.getByText(/Close the EURUSD position at market: 1 sent/).first()).toBeVisible();

  await ladderBuyMarket(page);
  await poll(() => netShown(desk)).toBe('1,000');
  await desk.row(positions, 'EURUSD').getByRole('button', { name: 'Reverse' }).click();
  await poll(() => netShown(desk)).toBe('-1,000');
  await shot('tools-02-reversed');
});

test('tools 3. from the ticket: a buy limit with TP and SL fills, its exits appear; one fills and the other is cancelled', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  const { ask } = top(exchange);
  // Below the ask, so the entry rests until the market comes down to it.
  const entry = px(ask - 0.0002);
  const stopLoss = px(entry - 0.0006);
  await desk.fillTicket({ type: 'Limit', quantity: '1000', price: entry.toFixed(5) });
  const t = desk.ticket;
  await t.getByRole('button', { name: 'Attach TP/SL' }).click();
  await t.getByLabel('Take profit', { exact: true }).selectOption('ticks');
  await t.getByLabel('Take-profit ticks').fill('30');
  await t.getByLabel('Stop loss', { exact: true }).selectOption('price');
  await t.getByLabel('Stop-loss price').fill(stopLoss.toFixed(5));
  const preview = t.getByRole('table', { name: 'Exits if the entry fills at its price' });
  await expect(preview.getByRole('row').nth(1)).toContainText(px(entry + 0.0003).toFixed(5));
  await shot('tools-03-ticket-bracket');
  await desk.sideButton('Buy').click();
  await expect(desk.ticketStatus).toContainText(/bracket plan \w+ created/);

  const working = desk.grid('Working');
  await desk.expectRowCount(working, 1);
  const panel = await toolsTab(page, 'Brackets');
  const plans = panel.getByRole('list', { name: 'Bracket plans' });
  await expect(plans).toContainText('armed');
  await expect(plans).toContainText(`TP 30 ticks / SL ${stopLoss.toFixed(5)}`);

  // The market comes down through the entry: it fills, and the exits go out as one OCO.
  move(exchange, entry - 0.0001);
  await poll(() => desk.columns(working, 'Side', 'Type')).toEqual(['SELL LIMIT', 'SELL STOP']);
  const buy = exchange.allOrders().find((o) => o.side === 'BUY');
  expect(buy?.status).toBe('FILLED');
  const exits = exchange.workingOrders();
  // The resting entry filled at its own price: the take-profit sits 30 ticks above it.
  expect(buy?.cummulativeQuoteQty).toBe(px(entry * 1000));
  expect(exits.find((o) => o.type === 'LIMIT')?.price).toBe(px(entry + 0.0003));
  expect(exits.find((o) => o.type === 'STOP')?.stopPrice).toBe(stopLoss);
  await expect(plans).toContainText('active');
  await shot('tools-03-bracket-exits');

  const tp = exits.find((o) => o.type === 'LIMIT');
  if (!tp?.price) throw new Error('no take-profit at the exchange');
  move(exchange, tp.price + 0.0005);
  await desk.expectRowCount(working, 0);
  const statuses = exchange
    .allOrders()
    .filter((o) => o.side === 'SELL')
    .map((o) => o.status)
    .sort();
  expect(statuses).toEqual(['CANCELED', 'FILLED']);
  await expect(plans).toContainText('take-profit filled');
  await shot('tools-03-bracket-done');
});

test('tools 4. a trailing stop moves up as the market rises', async ({ page, exchange, shot }) => {
  const desk = await Desk.connected(page);
  await ladderBuyMarket(page);
  const { bid } = top(exchange);
  const stop = px(bid - 0.002);
  await desk.place('Sell', {
    symbol: 'EURUSD',
    type: 'Stop',
    quantity: '1000',
    stopPrice: stop.toFixed(5),
  });
  const panel = await toolsTab(page, 'Brackets');
  await expect(panel.getByText('Trailing works only while this app runs')).toBeVisible();
  await panel.getByLabel('Trail distance ticks').fill('100');
  await panel.getByRole('button', { name: 'Trail' }).click();
  move(exchange, bid + 0.003);
  // The trail settles 100 ticks under the highest trade the market printed.
  const high = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  await poll(() => exchange.workingOrders()[0]?.stopPrice).toBe(px(high - 0.001));
  const moved = exchange.workingOrders()[0]?.stopPrice ?? 0;
  // A dip smaller than the distance: the stop holds (it never moves back down).
  move(exchange, bid + 0.0025);
  await expect(desk.row(desk.grid('Working'), moved.toFixed(5))).toBeVisible();
  expect(exchange.workingOrders()[0]?.stopPrice).toBe(moved);
  await shot('tools-04-trailing');
});

test('tools 5. a price alert fires once', async ({ page, exchange, shot }) => {
  await Desk.connected(page);
  const panel = await toolsTab(page, 'Alerts');
  const { ask } = top(exchange);
  const level = px(ask + 0.001);
  await panel.getByLabel('Alert condition').selectOption('above');
  await panel.getByLabel('Alert price').fill(level.toFixed(5));
  await panel.getByRole('button', { name: 'Add alert' }).click();
  await expect(panel.getByRole('list', { name: 'Price alerts' })).toContainText('armed');
  move(exchange, level + 0.001);
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log.getByText(/Alert: EURUSD/)).toHaveCount(1);
  await expect(panel.getByRole('list', { name: 'Price alerts' })).toContainText('fired at');
  move(exchange, level + 0.002);
  move(exchange, level + 0.003);
  await expect(log.getByText(/Alert: EURUSD/)).toHaveCount(1);
  expect(await panel.getByRole('list', { name: 'Price alerts' }).innerText()).toMatch(/fired at/);
  await shot('tools-05-alert');
});

test('tools 6. a fat-finger order is stopped, then placed through the override', async ({
  page,
  exchange,
  shot,
}) => {
  await Desk.connected(page);
  const panel = await toolsTab(page, 'Limits');
  await panel.getByLabel('Limits instrument').selectOption('EURUSD');
  await panel.getByLabel('Max quantity').fill('5000');
  await panel.getByLabel('Default quantity').fill('10000');
  await panel.getByRole('button', { name: 'Save limits' }).click();
  await expect(panel.getByRole('status')).toContainText('Limits of EURUSD saved');

  await toolsTab(page, 'Ladder');
  await ladderBuyMarket(page);
  const dialog = page.getByRole('alertdialog', { name: 'Safety limit: order stopped' });
  await expect(dialog).toContainText('above the EURUSD limit of 5,000');
  expect(exchange.allOrders()).toEqual([]);
  await shot('tools-06-limit-stopped');
  await dialog.getByRole('button', { name: 'Override and send' }).click();
  await poll(() => exchange.allOrders().length).toBe(1);
  expect(exchange.allOrders()[0]).toMatchObject({ side: 'BUY', origQty: 10000 });
});

test('tools 7. from the ticket: a stop loss alone; the entry fills, one STOP goes out, Close cancels it', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  const { ask } = top(exchange);
  const entry = px(ask - 0.0002);
  const stopLoss = px(entry - 0.0006);
  await desk.fillTicket({ type: 'Limit', quantity: '1000', price: entry.toFixed(5) });
  const t = desk.ticket;
  await t.getByRole('button', { name: 'Attach TP/SL' }).click();
  await t.getByLabel('Stop loss', { exact: true }).selectOption('price');
  await t.getByLabel('Stop-loss price').fill(stopLoss.toFixed(5));
  // Only the set leg is previewed, and no error asks for a take-profit.
  const preview = t.getByRole('table', { name: 'Exits if the entry fills at its price' });
  await expect(preview.getByRole('columnheader')).toHaveText(['Entry ≈', 'SL · P&L']);
  await expect(t.getByText(/Sent as one stop order/)).toBeVisible();
  await shot('tools-07-ticket-stop-only');
  await desk.sideButton('Buy').click();
  await expect(desk.ticketStatus).toContainText(/bracket plan \w+ created: SL goes out/);

  const working = desk.grid('Working');
  await desk.expectRowCount(working, 1);
  const panel = await toolsTab(page, 'Brackets');
  const plans = panel.getByRole('list', { name: 'Bracket plans' });
  await expect(plans).toContainText('armed');
  await expect(plans).toContainText(`SL ${stopLoss.toFixed(5)}`);
  await expect(plans).not.toContainText('TP');

  // The entry fills: one plain STOP goes out for the filled quantity, no OCO.
  move(exchange, entry - 0.0001);
  await poll(() => desk.columns(working, 'Side', 'Type')).toEqual(['SELL STOP']);
  expect(exchange.allOrders().find((o) => o.side === 'BUY')?.status).toBe('FILLED');
  expect(exchange.workingOrders()).toEqual([
    expect.objectContaining({ side: 'SELL', type: 'STOP', stopPrice: stopLoss, origQty: 1000 }),
  ]);
  await expect(plans).toContainText('active');
  await shot('tools-07-stop-only-working');

  // Close the position: the stop goes first, then the market order flattens.
  const positions = await desk.show('Positions');
  await poll(() => netShown(desk)).toBe('1,000');
  await desk.row(positions, 'EURUSD').getByRole('button', { name: 'Close' }).click();
  await poll(() => netShown(desk)).toBe('0');
  await desk.expectRowCount(working, 0);
  expect(exchange.workingOrders()).toEqual([]);
  expect(exchange.allOrders().find((o) => o.type === 'STOP')?.status).toBe('CANCELED');
  await expect(plans).toContainText('Position closed');
  await shot('tools-07-stop-only-closed');
});

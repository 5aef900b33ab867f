/**
 * Journey: the chart panel — history on first start, orders as lines you drag
 * or move with the keys and cancel, fills and the position, the context menu
 * (the ticket, or at once in one-click mode), alerts and pending brackets.
 */
import type { Locator, Page } from '@playwright/test';
import { Desk, poll } from '../desk';
import { expect, test } from '../fixtures';

/** The chart panel and the words describing what its canvas shows. */
function chart(page: Page) {
  const panel = page.getByRole('region', { name: 'Chart' });
  return {
    panel,
    plot: panel.getByRole('application'),
    contents: panel.getByRole('list', { name: 'Chart contents' }),
    notes: panel.getByRole('status', { name: 'Chart notes' }),
    interval: (name: string) =>
      panel.getByRole('group', { name: 'Interval' }).getByRole('button', { name, exact: true }),
    cancel: (orderId: number) =>
      panel.getByRole('button', { name: new RegExp(`^Cancel order ${orderId}:`) }),
    /** An order line's handle, by its screen-reader name ("Buy 3,000 EURUSD limit 1.08300"). */
    handle: (name: string) => panel.getByRole('button', { name, exact: true }),
  };
}

/** The menu's buy-limit item, opened by a right click low in the plot (below the market). */
async function buyLimitItem(page: Page, c: ReturnType<typeof chart>, name: RegExp) {
  const box = await c.plot.boundingBox();
  if (!box) throw new Error('no plot');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.7, { button: 'right' });
  const item = c.panel.getByRole('menu').getByRole('menuitem', { name });
  await expect(item).toBeFocused();
  return { item, price: Number(/@ (\d+\.\d+)/.exec((await item.textContent()) ?? '')?.[1]) };
}

// The Electron launch (PAPER_DESK_EXCHANGE) passes no Chart API address: only the browser
// host's app has one, so the journeys that need candles run there.
function needsChartApi(projectName: string): void {
  test.skip(projectName !== 'browser', 'the Electron launch passes no Chart API address');
}

/** Vertical centre of an element on the page. */
async function centreY(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box.y + box.height / 2;
}

test('chart: history on first start, switching interval and instrument', async ({ page, shot }) => {
  needsChartApi(test.info().project.name);
  await Desk.connected(page);
  const c = chart(page);
  await expect(c.contents).toContainText(/500 candles of EURUSD 15m from /);
  await shot('chart-01-history');

  // Panning back through history fetches the page before the oldest candle shown.
  const box = await c.plot.boundingBox();
  if (!box) throw new Error('no plot');
  await poll(async () => {
    await page.mouse.move(box.x + 100, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 120, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    return c.contents.textContent();
  }).toMatch(/1000 candles of EURUSD 15m from /);
  await shot('chart-01b-older-history');
  await c.interval('1h').click();
  await expect(c.contents).toContainText(/500 candles of EURUSD 1h from /);
  await c.panel.getByRole('button', { name: 'Pivots' }).click();
  await expect(c.contents).toContainText(/Line: PP at 1\.\d{5}/);
  await expect(c.contents).toContainText(/Line: S3 at 1\.\d{5}/);
  await shot('chart-02-interval-1h-pivots');

  // The chart follows the app's theme.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Theme').selectOption('light');
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Close' })
    .click();
  await shot('chart-02b-light');
});

test('chart: a limit order is a line; dragging it modifies the order, × cancels it', async ({
  page,
  exchange,
  shot,
}) => {
  needsChartApi(test.info().project.name);
  const desk = await Desk.connected(page);
  const c = chart(page);
  await expect(c.contents).toContainText(/candles of EURUSD/);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '3000', price: '1.08300' });
  const [placed] = exchange.workingOrders();
  if (!placed) throw new Error('no working order at the exchange');
  await expect(c.contents).toContainText('Line: BUY 3,000 LIMIT at 1.08300');
  await expect(c.cancel(placed.orderId)).toBeVisible();
  await shot('chart-03-order-line');

  // Drag the line up a few pixels (staying below the market whatever the chart's height):
  // the order moves at the exchange to the price the line shows.
  const plotBox = await c.plot.boundingBox();
  if (!plotBox) throw new Error('no plot');
  const x = plotBox.x + plotBox.width / 2;
  const y = await centreY(c.cancel(placed.orderId));
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - 2, { steps: 2 });
  await page.mouse.move(x, y - 3, { steps: 2 });
  await shot('chart-04-dragging');
  await page.mouse.up();
  await expect(c.notes).toContainText(
    /Move BUY 3,000 LIMIT \(order \d+\) from 1\.08300 to 1\.08\d{3}: sent/,
  );
  const moved = Number(/to (1\.08\d{3})/.exec((await c.notes.textContent()) ?? '')?.[1]);
  expect(moved).toBeGreaterThan(1.083);
  await poll(() => exchange.workingOrders()[0]?.price).toBe(moved);
  await expect(c.contents).toContainText(`Line: BUY 3,000 LIMIT at ${moved.toFixed(5)}`);
  await shot('chart-05-moved');

  // Escape during a drag: the line goes back and nothing is sent.
  const y2 = await centreY(c.cancel(placed.orderId));
  await page.mouse.move(x, y2);
  await page.mouse.down();
  await page.mouse.move(x, y2 + 20, { steps: 4 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(c.contents).toContainText(`Line: BUY 3,000 LIMIT at ${moved.toFixed(5)}`);
  expect(exchange.workingOrders()[0]?.price).toBe(moved);

  await c.cancel(placed.orderId).click();
  await poll(() => exchange.workingOrders().length).toBe(0);
  await expect(c.contents).not.toContainText('LIMIT');
  await expect(c.cancel(placed.orderId)).toHaveCount(0);
  await shot('chart-06-cancelled');
});

test('chart: a market fill is a marker and the position a line; another instrument and interval', async ({
  page,
  shot,
}) => {
  needsChartApi(test.info().project.name);
  const desk = await Desk.connected(page);
  const c = chart(page);
  await expect(c.contents).toContainText(/candles of EURUSD 15m/);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Market', quantity: '2000' });
  await expect(desk.ticketStatus).toContainText('FILLED');
  await expect(c.contents).toContainText(/Fill BUY 2,000 @ 1\.08\d{3}/);
  await expect(c.contents).toContainText(/Line: LONG 2,000 avg 1\.08\d{3} · P&L /);
  await shot('chart-07-fill-and-position');

  await desk.ticket.getByLabel('Symbol').selectOption('GBPUSD');
  await c.interval('5m').click();
  await expect(c.contents).toContainText(/500 candles of GBPUSD 5m/);
  await expect(c.contents).not.toContainText('LONG');
  await shot('chart-08-gbpusd-5m');

  // Back on EURUSD the fill is marked again, from main's history and the page's recent
  // fills together, and counted once.
  await desk.ticket.getByLabel('Symbol').selectOption('EURUSD');
  await c.interval('15m').click();
  await expect(c.contents).toContainText(/500 candles of EURUSD 15m/);
  await expect(c.contents).toContainText(/Fill BUY 2,000 @ 1\.08\d{3}/);
  await expect(c.contents).not.toContainText('2 fills');
});

test('chart: the context menu at a price fills the ticket in, and the ticket sends it', async ({
  page,
  exchange,
  shot,
}) => {
  needsChartApi(test.info().project.name);
  const desk = await Desk.connected(page);
  const c = chart(page);
  await expect(c.contents).toContainText(/candles of EURUSD/);
  // Low in the plot: below the market, so the menu offers a buy limit; the … says it opens the ticket.
  const { item: buy, price } = await buyLimitItem(page, c, /^Buy limit @ 1\.\d{5}…$/);
  await shot('chart-09-context-menu');
  await buy.click();
  // Nothing is sent yet: the ticket shows the order and its Buy button has the focus.
  await expect(desk.ticket.getByRole('button', { name: 'Buy', exact: true })).toBeFocused();
  await expect(desk.ticket.getByLabel('Order type')).toHaveValue('LIMIT');
  expect(exchange.workingOrders()).toEqual([]);
  await page.keyboard.press('Enter');
  await poll(() => exchange.workingOrders()[0]?.price).toBe(price);
  expect(exchange.workingOrders()[0]).toMatchObject({ side: 'BUY', type: 'LIMIT' });
  await expect(c.contents).toContainText(`LIMIT at ${price.toFixed(5)}`);

  // Keyboard: the focused chart opens the menu at its crosshair price with Enter.
  await c.plot.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const menu = c.panel.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
});

test('chart: in one-click mode the context menu places a limit order at once', async ({
  page,
  exchange,
  shot,
}) => {
  needsChartApi(test.info().project.name);
  await Desk.connected(page);
  const c = chart(page);
  await expect(c.contents).toContainText(/candles of EURUSD/);
  await page.getByRole('checkbox', { name: /One-click trading/ }).check();
  await expect(page.getByRole('alert', { name: 'One-click trading is on' })).toBeVisible();
  // The item says it sends, and how much: the instrument's default (its minimum here).
  const { item, price } = await buyLimitItem(page, c, /^Buy limit 1,000 @ 1\.\d{5}$/);
  await shot('chart-12-one-click-menu');
  await item.click();
  await poll(() => exchange.workingOrders()[0]?.price).toBe(price);
  expect(exchange.workingOrders()[0]).toMatchObject({
    side: 'BUY',
    type: 'LIMIT',
    origQty: 1000,
  });
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(c.contents).toContainText(`Line: BUY 1,000 LIMIT at ${price.toFixed(5)}`);
});

test('chart: an order line moved with the keys modifies the order; Escape puts it back; Delete cancels', async ({
  page,
  exchange,
  shot,
}) => {
  needsChartApi(test.info().project.name);
  const desk = await Desk.connected(page);
  const c = chart(page);
  await expect(c.contents).toContainText(/candles of EURUSD/);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '3000', price: '1.08300' });
  await poll(() => exchange.workingOrders().length).toBe(1);

  // Tab from the plot reaches the order line's handle. The exchange holds the order before
  // the page has drawn its line (the execution arrives in the next batch): Tab only once the
  // handle is there, or it goes on to the next panel.
  const handle = c.handle('Buy 3,000 EURUSD limit 1.08300');
  await expect(handle).toBeVisible();
  await c.plot.focus();
  await page.keyboard.press('Tab');
  await expect(handle).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('PageUp');
  await expect(c.notes).toContainText('1.08300 → 1.08312 (+12 ticks)');
  await shot('chart-11-line-moved-with-keys');
  // Nothing is sent before Enter.
  expect(exchange.workingOrders()[0]?.price).toBe(1.083);
  await page.keyboard.press('Enter');
  await poll(() => exchange.workingOrders()[0]?.price).toBe(1.08312);
  const moved = c.handle('Buy 3,000 EURUSD limit 1.08312');
  await expect(moved).toBeFocused();

  await page.keyboard.press('PageDown');
  await expect(c.contents).toContainText('Line: BUY 3,000 LIMIT at 1.08302');
  await page.keyboard.press('Escape');
  await expect(c.contents).toContainText('Line: BUY 3,000 LIMIT at 1.08312');
  expect(exchange.workingOrders()[0]?.price).toBe(1.08312);

  await page.keyboard.press('Delete');
  await poll(() => exchange.workingOrders().length).toBe(0);
  await expect(c.contents).not.toContainText('LIMIT');
});

test('chart: alerts and the exits of a pending bracket are drawn with the entry', async ({
  page,
  exchange,
  shot,
}) => {
  needsChartApi(test.info().project.name);
  const desk = await Desk.connected(page);
  const c = chart(page);
  await expect(c.contents).toContainText(/candles of EURUSD/);
  const last = exchange.handle.engine.lastPrice('EURUSD');
  if (last === null) throw new Error('no EURUSD price');
  const at = (ticks: number) => (last + ticks * 0.00001).toFixed(5);

  // An alert above the market, from the tools' Alerts tab.
  await page.getByRole('tablist', { name: 'Tools' }).getByRole('tab', { name: 'Alerts' }).click();
  const alerts = page.locator('#tools-panel');
  await alerts.getByLabel('Alert condition').selectOption('above');
  await alerts.getByLabel('Alert price').fill(at(60));
  await alerts.getByRole('button', { name: 'Add alert' }).click();
  await expect(c.contents).toContainText(`Line: ALERT above at ${at(60)}`);

  // A buy limit under the market with a take-profit and a stop-loss 30 ticks away.
  await desk.ticket.getByRole('button', { name: 'Attach TP/SL' }).click();
  await desk.ticket.getByLabel('Take profit', { exact: true }).selectOption('ticks');
  await desk.ticket.getByLabel('Take-profit ticks').fill('30');
  await desk.ticket.getByLabel('Stop loss', { exact: true }).selectOption('ticks');
  await desk.ticket.getByLabel('Stop-loss ticks').fill('30');
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '1000', price: at(-40) });
  await poll(() => exchange.workingOrders().length).toBe(1);
  const entry = exchange.workingOrders()[0]?.orderId;
  await expect(c.contents).toContainText(
    `Line: TP SELL 1,000 · entry ${entry} (30 ticks) at ${at(-10)}`,
  );
  await expect(c.contents).toContainText(
    `Line: SL SELL 1,000 · entry ${entry} (30 ticks) at ${at(-70)}`,
  );

  // Room to see the lines: the chart taller (its splitter), the 1m candles near the market.
  await c.interval('1m').click();
  await expect(c.contents).toContainText(/candles of EURUSD 1m/);
  const splitter = page.getByRole('separator', { name: 'Resize chart' });
  await splitter.focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');

  // The alert's line dragged up a little: the alert moves there, armed (nothing trades).
  const bell = c.panel.locator('.alert-tag');
  const plotBox = await c.plot.boundingBox();
  if (!plotBox) throw new Error('no plot');
  const x = plotBox.x + plotBox.width / 2;
  const y = await centreY(bell);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - 3, { steps: 3 });
  await page.mouse.up();
  await expect(c.notes).toContainText(/Alert above moved to 1\.\d{5}, armed/);
  const movedTo = /moved to (1\.\d{5})/.exec((await c.notes.textContent()) ?? '')?.[1] ?? '';
  expect(Number(movedTo)).toBeGreaterThan(Number(at(60)));
  await expect(c.contents).toContainText(`Line: ALERT above at ${movedTo}`);
  await expect(alerts.getByRole('list', { name: 'Price alerts' })).toContainText(movedTo);
  expect(exchange.workingOrders()).toHaveLength(1);
  // And from the keyboard: its handle, up one tick, Enter saves it there.
  const upOne = (Number(movedTo) + 0.00001).toFixed(5);
  await c.handle(`Alert above ${movedTo}`).focus();
  await page.keyboard.press('ArrowUp');
  await expect(c.notes).toContainText(`Alert above: ${movedTo} → ${upOne} (+1 tick)`);
  await page.keyboard.press('Enter');
  await expect(c.notes).toContainText(`Alert above moved to ${upOne}, armed`);
  await expect(c.contents).toContainText(`Line: ALERT above at ${upOne}`);

  // The entry selected and moved with the keys: its exits move with it.
  await c.handle(`Buy 1,000 EURUSD limit ${at(-40)}`).focus();
  await page.keyboard.press('PageUp');
  await expect(c.contents).toContainText(`(30 ticks) at ${at(0)}`);
  await shot('chart-13-alert-bracket-selected-1280');
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(c.handle(`Buy 1,000 EURUSD limit ${at(-30)}`)).toBeFocused();
  await shot('chart-13-alert-bracket-selected-1024');
});

test.describe('without a Chart API', () => {
  test.use({ chartApi: false });
  test('chart: the panel says so and the rest of the app trades', async ({
    page,
    exchange,
    shot,
  }) => {
    const desk = await Desk.connected(page);
    const c = chart(page);
    await expect(c.panel.getByRole('status', { name: 'Chart status' })).toHaveText(
      'No Chart API on this profile',
    );
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '1000',
      price: '1.08000',
    });
    await poll(() => exchange.workingOrders().length).toBe(1);
    await shot('chart-10-no-chart-api');
  });
});

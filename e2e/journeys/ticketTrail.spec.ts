/**
 * A trailing stop set from the order ticket: a sell stop below the market goes
 * with Trail 10 ticks, the exchange accepts it, main starts the trail, and as
 * the manual-clock market rises the stop moves up at the exchange.
 */
import type { Locator, Page } from '@playwright/test';
import { Desk, poll } from '../desk';
import { expect, test, type TestExchange } from '../fixtures';
import { TICK, move, px, top } from '../market';

/**
 * The ticket filled for a sell stop 20 pips under the bid (a stop limit with its
 * limit `limitTicks` under the stop), Trail set to 10 ticks.
 */
async function sellStopTrailing(
  page: Page,
  exchange: TestExchange,
  limitTicks: number | null,
): Promise<{ desk: Desk; bid: number; stop: number }> {
  const desk = await Desk.connected(page);
  const bid = top(exchange).bid;
  const stop = px(bid - 0.002);
  await desk.fillTicket({
    symbol: 'EURUSD',
    type: limitTicks === null ? 'Stop' : 'Stop limit',
    quantity: '1000',
    stopPrice: stop.toFixed(5),
    ...(limitTicks === null ? {} : { price: px(stop - limitTicks * TICK).toFixed(5) }),
  });
  await desk.ticket.getByLabel('Trail', { exact: true }).selectOption('ticks');
  await desk.ticket.getByLabel('Trail distance ticks').fill('10');
  return { desk, bid, stop };
}

/** The preview of where the trail moves the stop at the market now. */
const trailPreview = (desk: Desk) =>
  desk.ticket.getByRole('table', { name: 'Trailing stop at the market now' });

/** Screenshots at 1280x800 and at 1024x700 (`inView` scrolled to), then back to 1280x800. */
async function shotAtBothSizes(
  page: Page,
  shot: (name: string) => Promise<void>,
  name: string,
  inView: Locator,
): Promise<void> {
  await shot(name);
  await page.setViewportSize({ width: 1024, height: 700 });
  await inView.scrollIntoViewIfNeeded();
  await shot(`${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('ticket trail 1. a sell stop placed with Trail 10 ticks follows the rising market', async ({
  page,
  exchange,
  shot,
}) => {
  const { desk, bid, stop } = await sellStopTrailing(page, exchange, null);
  const ticket = desk.ticket;
  // A bad distance is refused on the spot, before anything is sent.
  await ticket.getByLabel('Trail distance ticks').fill('2.5');
  await expect(ticket.getByText('Trail distance is a whole number of ticks')).toBeVisible();
  await ticket.getByLabel('Trail distance ticks').fill('10');
  await expect(ticket.getByText('Trailing works only while this app runs')).toBeVisible();
  const preview = trailPreview(desk);
  await expect(preview).toContainText(`Starts at the stop price ${stop.toFixed(5)}`);
  // Ten ticks under the last trade, well above the stop typed: the trail tightens it on the next quote.
  const last0 = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  const promised = px(last0 - 10 * TICK).toFixed(5);
  await expect(preview.getByRole('row', { name: /^Sell/ })).toContainText(promised);
  await shotAtBothSizes(page, shot, 'ticket-trail-01-set', preview);

  await desk.sideButton('Sell').click();
  await expect(desk.ticketStatus).toContainText(
    `trailing 10 ticks from ${stop.toFixed(5)} (only while this app runs)`,
  );
  // The trail starts at the stop typed and tightens at once to where the preview said it would.
  await poll(() => exchange.workingOrders()[0]?.stopPrice).toBe(Number(promised));

  // The market rises: main moves the stop up to 10 ticks under the highest trade.
  move(exchange, bid + 0.003);
  const high = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  const trailed = px(high - 10 * TICK);
  await poll(() => exchange.workingOrders()[0]?.stopPrice).toBe(trailed);
  const grid = await desk.show('Working');
  await expect(desk.row(grid, trailed.toFixed(5))).toBeVisible();

  // It keeps following: a second rise moves it up again. (A dip is not tried here: with
  // EURUSD's spread of 10 ticks, the bid already sits at a stop 10 ticks under the last
  // buy, so any sell print would trigger it; tools 4 checks "never back" at 100 ticks.)
  move(exchange, bid + 0.004);
  const higher = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  expect(higher).toBeGreaterThan(high);
  const again = px(higher - 10 * TICK);
  await poll(() => exchange.workingOrders()[0]?.stopPrice).toBe(again);
  await expect(desk.row(grid, again.toFixed(5))).toBeVisible();
  await shot('ticket-trail-02-trailed');
});

test('ticket trail 2. a sell stop limit trails with its limit, the ticks between them kept', async ({
  page,
  exchange,
  shot,
}) => {
  const { desk, bid } = await sellStopTrailing(page, exchange, 5);
  await expect(
    desk.ticket.getByText('The limit price moves with the stop, as many ticks.'),
  ).toBeVisible();
  // The preview says where both prices go at the market now.
  const last0 = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  const preview = trailPreview(desk);
  await expect(preview.getByRole('row', { name: /^Sell/ })).toContainText(
    `${px(last0 - 10 * TICK).toFixed(5)}limit ${px(last0 - 15 * TICK).toFixed(5)}`,
  );
  await shotAtBothSizes(page, shot, 'ticket-trail-03-stop-limit', preview);

  await desk.sideButton('Sell').click();
  await expect(desk.ticketStatus).toContainText('trailing 10 ticks');
  // The market rises: main moves the stop to 10 ticks under the highest trade, the limit with it.
  move(exchange, bid + 0.003);
  const high = exchange.handle.engine.lastPrice('EURUSD') ?? 0;
  const trailed = px(high - 10 * TICK);
  await poll(() => exchange.workingOrders()[0]?.stopPrice).toBe(trailed);
  const order = exchange.workingOrders()[0];
  expect(order?.type).toBe('STOP_LIMIT');
  expect(order?.price).toBe(px(trailed - 5 * TICK));
  const grid = await desk.show('Working');
  await expect(desk.row(grid, trailed.toFixed(5))).toContainText(px(trailed - 5 * TICK).toFixed(5));
  await shot('ticket-trail-04-stop-limit-trailed');
});

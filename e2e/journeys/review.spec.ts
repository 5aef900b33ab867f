/**
 * The trade review: trades on the manual-clock paper exchange, then the
 * Review view's round trips, statistics and calendar match them; a journal
 * note and tag survive a restart; the HTML report opens with no request.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Desk } from '../desk';
import { expect, SCREENSHOT_DIR, test, type TestExchange } from '../fixtures';

const QTY = 2000;

function top(exchange: TestExchange, symbol: string, side: 'bids' | 'asks'): number {
  const level = exchange.handle.engine.book(symbol, 1)[side][0];
  if (!level) throw new Error(`no ${side} for ${symbol}`);
  return level[0];
}

/** A market order at the top of the book; returns the price it fills at. */
async function trade(desk: Desk, exchange: TestExchange, side: 'Buy' | 'Sell'): Promise<number> {
  const price = top(exchange, 'EURUSD', side === 'Buy' ? 'asks' : 'bids');
  await desk.place(side, { symbol: 'EURUSD', type: 'Market', quantity: String(QTY) });
  await expect(desk.ticketStatus).toContainText('FILLED');
  return price;
}

async function openReview(page: Page) {
  await page.getByRole('tab', { name: 'Review', exact: true }).click();
  const review = page.getByRole('region', { name: 'Trade review' });
  await expect(review.getByRole('table', { name: 'Round trips' })).toBeVisible();
  return review;
}

const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

test('review: round trips, statistics and calendar match the trades; the journal survives a restart; the report asks for nothing', async ({
  app,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(app.page);
  // A long trip then a short one, each at the top of the book the market maker quotes.
  const buy1 = await trade(desk, exchange, 'Buy');
  exchange.setPrice('EURUSD', 1.1);
  const sell1 = await trade(desk, exchange, 'Sell');
  const sell2 = await trade(desk, exchange, 'Sell');
  exchange.setPrice('EURUSD', 1.08);
  const buy2 = await trade(desk, exchange, 'Buy');
  const long = Math.round((sell1 - buy1) * QTY * 100) / 100;
  const short = Math.round((sell2 - buy2) * QTY * 100) / 100;
  const net = Math.round((long + short) * 100) / 100;

  // The account bar: balance and the P&L table in USD, realized by FIFO.
  await expect(app.page.getByTestId('account-balance')).toHaveText(money(100_000 + net));
  await app.page.getByRole('button', { name: 'Account…' }).click();
  const pnl = app.page.getByRole('table', { name: 'P&L by instrument' });
  await expect(pnl.locator('[data-symbol="EURUSD"]')).toContainText(
    `${net > 0 ? '+' : ''}${money(net)}`,
  );
  await expect(pnl.locator('thead')).toContainText('Realized (FIFO)');
  await shot('review-account-panel');
  await app.page.getByRole('button', { name: 'Account…' }).click();

  let review = await openReview(app.page);
  const trips = review.getByRole('table', { name: 'Round trips' });
  await expect(trips.locator('tbody tr')).toHaveCount(2);
  // Newest exit first: the short, then the long; P&L in USD.
  await expect(trips.locator('tbody tr').nth(0)).toContainText('SHORT');
  await expect(trips.locator('tbody tr').nth(0)).toContainText(
    `${short > 0 ? '+' : ''}${money(short)}`,
  );
  await expect(trips.locator('tbody tr').nth(1)).toContainText('LONG');
  // MAE and MFE from the Chart API's candles, in the trip's currency.
  await expect(trips.locator('tbody tr').nth(1).locator('td').nth(9)).toHaveText(
    /^[-+]?[\d,]+\.\d\d$/,
  );
  await expect(trips.locator('tbody tr').nth(1).locator('td').nth(10)).toHaveText(
    /^[-+]?[\d,]+\.\d\d$/,
  );
  const stat = (key: string) => review.locator(`[data-stat="${key}"] dd`);
  await expect(stat('trips')).toHaveText('2');
  await expect(stat('netProfit')).toHaveText(net.toFixed(2));
  await expect(stat('winRate')).toHaveText(
    (([long, short].filter((p) => p > 0).length / 2) * 100).toFixed(2),
  );
  const today = new Date().toISOString().slice(0, 10);
  await expect(review.locator(`[data-day="${today}"]`)).toHaveAttribute('data-pnl', String(net));
  await expect(review.locator('[data-key="EURUSD"]')).toHaveAttribute('data-pnl', String(net));
  await expect(app.page.getByTestId('account-balance')).toHaveText(money(100_000 + net));
  await shot('review-summary');

  // A note and a tag on the long trip.
  await trips
    .locator('tbody tr')
    .nth(1)
    .getByRole('button', { name: /Add note/ })
    .click();
  await review.getByLabel('Note').fill('Bought the open, sold the pop');
  await review.getByLabel('Tags').fill('e2e, open');
  await review.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(trips.locator('tbody tr').nth(1)).toContainText('#e2e');

  const page = await app.restart();
  await Desk.connected(page);
  review = await openReview(page);
  await expect(review.getByRole('table', { name: 'Round trips' })).toContainText(
    'Bought the open, sold the pop',
  );
  await review.getByLabel('Search the journal').fill('POP');
  await review.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(review.getByRole('list', { name: 'Journal results' })).toContainText(
    'Bought the open, sold the pop',
  );
  await review.getByLabel('Tag', { exact: true }).fill('e2e');
  await review.getByLabel('Tag', { exact: true }).press('Enter');
  await expect(review.locator('[data-stat="trips"] dd')).toHaveText('1');
  await expect(review.locator('[data-stat="netProfit"] dd')).toHaveText(long.toFixed(2));

  // The order audit trail of the long trip's entry.
  await review
    .getByRole('table', { name: 'Round trips' })
    .locator('tbody tr')
    .first()
    .getByRole('button', { name: /^#\d+$/ })
    .first()
    .click();
  const audit = review.getByRole('region', { name: 'Order audit trail' });
  await expect(audit).toContainText('newordersingle');
  await expect(audit).toContainText('execution');
  await shot('review-journal-audit');

  // The HTML report of the whole range, opened with every request failed and counted.
  await review.getByLabel('Tag', { exact: true }).fill('');
  await review.getByLabel('Tag', { exact: true }).press('Enter');
  const downloading = page.waitForEvent('download');
  await review.getByRole('button', { name: 'HTML report' }).click();
  const html = await readFile(await (await downloading).path(), 'utf8');
  const reportPage = await page.context().newPage();
  const requests: string[] = [];
  await reportPage.route('**/*', async (route) => {
    requests.push(route.request().url());
    await route.abort();
  });
  await reportPage.setViewportSize({ width: 1280, height: 800 });
  await reportPage.setContent(html);
  await expect(reportPage.getByRole('heading', { name: /Trade review/ })).toBeVisible();
  await expect(
    reportPage.locator('tr', { hasText: 'Net profit' }).locator('td').first(),
  ).toHaveText(net.toFixed(2));
  await expect(reportPage.locator('svg')).toHaveCount(5);
  await reportPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'review-report.png') });
  expect(requests).toEqual([]);
  await reportPage.close();
});

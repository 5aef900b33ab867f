import { Desk } from '../desk';
import { expect, test } from '../fixtures';

test('1. start: the paper profile connects by itself and quotes tick in the watchlist', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  await expect(page.getByText('PAPER', { exact: true })).toBeVisible();
  const bid = desk.quote('EURUSD', 'bid');
  const before = await bid.textContent();
  exchange.setPrice('EURUSD', 1.09);
  await expect(bid).not.toHaveText(before ?? '');
  await expect(bid).toHaveAccessibleName(/^EURUSD bid 1\.089/);
  await shot('01-start');
});

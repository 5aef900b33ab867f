/** Journeys 10-11: invalid input stays in the ticket; the exchange's rejects show its words. */
import { Desk } from '../desk';
import { expect, test } from '../fixtures';

test('10. invalid input shows an inline error and sends nothing', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  const buy = desk.sideButton('Buy');
  const price = desk.ticket.getByLabel('Limit price');
  const quantity = desk.ticket.getByLabel('Quantity');

  await test.step('price off the tick', async () => {
    await desk.fillTicket({ symbol: 'EURUSD', type: 'Limit', quantity: '1000', price: '1.080005' });
    await buy.click();
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(price).toHaveAccessibleDescription('Limit price is off the tick size 0.00001');
    await expect(price).toBeFocused();
    await shot('10-off-tick');
  });

  await test.step('quantity below the minimum', async () => {
    await price.fill('1.08000');
    await quantity.fill('500');
    await buy.click();
    await expect(price).not.toHaveAttribute('aria-invalid', 'true');
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
    await expect(quantity).toHaveAccessibleDescription('Quantity is below the minimum of 1000');
    await shot('10-below-min');
  });

  await test.step('missing price', async () => {
    await quantity.fill('1000');
    await price.fill('');
    await desk.sideButton('Sell').click();
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(price).toHaveAccessibleDescription('Enter a limit price');
  });

  // Nothing reached the exchange, nothing is pending, no order anywhere.
  await expect(desk.ticketStatus).toHaveText('');
  expect(exchange.allOrders()).toEqual([]);
  await desk.expectRowCount(desk.grid('Working'), 0);
  const orders = await desk.show('Orders');
  await desk.expectRowCount(orders, 0);
});

test("11. an exchange reject shows the exchange's message", async ({ page, exchange, shot }) => {
  const desk = await Desk.connected(page);
  const message = 'Duplicate clientOrderId: pd-test-1 was already used.';
  exchange.controls.faults.failNext('newordersingle', 2002, message);
  await desk.fillTicket({ symbol: 'EURUSD', type: 'Limit', quantity: '1000', price: '1.08000' });
  await desk.sideButton('Buy').click();
  const rejected = desk.ticket.getByRole('alert');
  await expect(rejected).toContainText('Rejected');
  await expect(rejected).toContainText(message);
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /^Rejected/ })
      .last(),
  ).toBeVisible();
  await shot('11-reject');
  expect(exchange.allOrders()).toEqual([]);
  await desk.expectRowCount(desk.grid('Working'), 0);

  // The next order goes through: the reject was one request, not a broken session.
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '1000', price: '1.08000' });
  await desk.expectRowCount(desk.grid('Working'), 1);
});

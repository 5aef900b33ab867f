/**
 * The same user stories against each kind of server the app must work with
 * (our extended protocol, the first public revision, the venue's current
 * revision), every profile on `auto`: the app finds out which it is. Plus a
 * server with no Chart API, whose instruments come from the profile's list.
 */
import { Desk, poll } from '../desk';
import { expect, test, type ExchangeRevision } from '../fixtures';

/** A time in force a resting limit order takes on each kind of server. */
const RESTING: Record<ExchangeRevision, 'GTC' | 'TPI'> = {
  extended: 'GTC',
  first: 'GTC',
  current: 'TPI',
};

for (const revision of ['extended', 'first', 'current'] as const) {
  test.describe(`${revision} server, detected`, () => {
    test.use({ exchangeRevision: revision });

    test(`${revision}: connect, limit NEW, modify, cancel`, async ({ page, exchange, shot }) => {
      const desk = await Desk.connected(page);
      await expect(desk.connection).toContainText(revision);
      await desk.place('Buy', {
        symbol: 'EURUSD',
        type: 'Limit',
        quantity: '3000',
        price: '1.08000',
        timeInForce: RESTING[revision],
      });
      const working = desk.grid('Working');
      await poll(() => desk.rows(working)).toEqual([
        expect.objectContaining({ Side: 'BUY', Price: '1.08000', Status: 'NEW' }),
      ]);
      expect(exchange.workingOrders()).toHaveLength(1);
      await shot(`rev-${revision}-working`);

      const row = desk.row(working, '1.08000');
      await row.getByRole('button', { name: 'Modify' }).click();
      await working.getByRole('textbox', { name: 'New price' }).fill('1.08150');
      await working.getByRole('button', { name: 'Save' }).click();
      await poll(() => desk.rows(working)).toEqual([
        expect.objectContaining({ Price: '1.08150', Status: 'NEW' }),
      ]);
      await poll(() => exchange.workingOrders().map((o) => o.price)).toEqual([1.0815]);

      await desk.row(working, '1.08150').getByRole('button', { name: 'Cancel' }).click();
      await desk.expectRowCount(working, 0);
      await poll(() => exchange.workingOrders()).toHaveLength(0);
      const orders = await desk.show('Orders');
      await poll(() => desk.columns(orders, 'Side', 'Status')).toEqual(['BUY CANCELED']);
    });

    test(`${revision}: a market buy fills into Fills and Positions`, async ({ page, shot }) => {
      const desk = await Desk.connected(page);
      await desk.place('Buy', { symbol: 'EURUSD', type: 'Market', quantity: '2000' });
      const fills = await desk.show('Fills');
      await poll(() => desk.columns(fills, 'Side', 'Qty')).toEqual(['BUY 2,000']);
      const positions = await desk.show('Positions');
      await poll(() => desk.columns(positions, 'Symbol', 'Net qty')).toEqual(['EURUSD 2,000']);
      await shot(`rev-${revision}-filled`);
    });

    test(`${revision}: OCO, one leg fills, the other is cancelled`, async ({ page, exchange }) => {
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

      exchange.setPrice('EURUSD', 1.091);
      await desk.expectRowCount(working, 0);
      const orders = await desk.show('Orders');
      await poll(() => desk.columns(orders, 'Type', 'Status')).toEqual([
        'LIMIT FILLED',
        'STOP CANCELED',
      ]);
    });

    test.describe(() => {
      test.use({ sessionTuning: { backoffInitialMs: 2_000, backoffMaxMs: 4_000 } });
      test(`${revision}: the exchange restarts; a fill while away is found on resync`, async ({
        page,
        exchange,
      }) => {
        const desk = await Desk.connected(page);
        await desk.place('Buy', {
          symbol: 'EURUSD',
          type: 'Limit',
          quantity: '2000',
          price: '1.08000',
          timeInForce: RESTING[revision],
        });
        const working = desk.grid('Working');
        await desk.expectRowCount(working, 1);
        await exchange.stop();
        await expect(desk.connection).toContainText('Reconnecting');
        await exchange.restart();
        exchange.setPrice('EURUSD', 1.079);
        expect(exchange.workingOrders()).toHaveLength(0);
        await expect(desk.connection).toContainText('Connected', { timeout: 20_000 });
        await desk.expectRowCount(working, 0);
        const fills = await desk.show('Fills');
        await poll(() => desk.columns(fills, 'Side', 'Qty', 'Price')).toEqual([
          'BUY 2,000 1.08000',
        ]);
      });
    });
  });
}

test.describe('a server with no Chart API', () => {
  test.use({ exchangeRevision: 'first', chartApi: false });

  test('instruments come from the profile list and orders still trade', async ({
    page,
    exchange,
    shot,
  }) => {
    const desk = new Desk(page);
    await expect(desk.connection).toContainText('Connected', { timeout: 15_000 });
    const symbols = desk.ticket.getByLabel('Symbol');
    await expect(symbols.locator('option', { hasText: 'EURUSD' })).toHaveCount(1);
    await desk.place('Buy', {
      symbol: 'EURUSD',
      type: 'Limit',
      quantity: '1000',
      price: '1.08000',
      timeInForce: 'GTC',
    });
    await poll(() => exchange.workingOrders()).toHaveLength(1);
    await shot('rev-no-chart-api');
  });
});

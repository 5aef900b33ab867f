/**
 * The Positions blotter in the account currency: trades in EURUSD (P&L in
 * dollars) and USDJPY (P&L in yen) on the manual-clock paper exchange, then
 * the blotter shows each position's P&L in its own currency and in USD at
 * main's rates, a USD total that is the sum of the rows, and headers naming
 * the accounting method, which follow the account setting.
 */
import { Desk } from '../desk';
import { expect, test, type TestExchange } from '../fixtures';

/** The best price a market order of `side` fills at. */
function top(exchange: TestExchange, symbol: string, side: 'Buy' | 'Sell'): number {
  const level = exchange.handle.engine.book(symbol, 1)[side === 'Buy' ? 'asks' : 'bids'][0];
  if (!level) throw new Error(`no ${side === 'Buy' ? 'ask' : 'bid'} for ${symbol}`);
  return level[0];
}

/** A market order at the top of the book; returns the price it fills at. */
async function trade(
  desk: Desk,
  exchange: TestExchange,
  side: 'Buy' | 'Sell',
  symbol: string,
  quantity: number,
): Promise<number> {
  const price = top(exchange, symbol, side);
  await desk.place(side, { symbol, type: 'Market', quantity: String(quantity) });
  await expect(desk.ticketStatus).toContainText('FILLED');
  return price;
}

/** Moves a market and lets exchange time pass, so its quotes go out. */
function move(exchange: TestExchange, symbol: string, price: number): void {
  exchange.setPrice(symbol, price);
  exchange.controls.advance(200);
}

/** Cents of an amount, rounded half away from zero (as main rounds). */
const cents = (amount: number): number => Math.sign(amount) * Math.round(Math.abs(amount) * 100);
/** Cents as the grid shows them: 1,234.56. */
const shown = (c: number): string =>
  (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

test('positions: P&L in yen and in dollars, a USD total, and the method in the headers', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);

  // Dollars: 2,000 EURUSD bought, 1,000 sold higher.
  const eurBuy = await trade(desk, exchange, 'Buy', 'EURUSD', 2000);
  // Yen: 5,000 USDJPY bought twice at two prices, 4,000 sold higher.
  const jpyBuy1 = await trade(desk, exchange, 'Buy', 'USDJPY', 5000);
  move(exchange, 'USDJPY', 152);
  const jpyBuy2 = await trade(desk, exchange, 'Buy', 'USDJPY', 5000);
  move(exchange, 'USDJPY', 153);
  const jpySell = await trade(desk, exchange, 'Sell', 'USDJPY', 4000);
  move(exchange, 'EURUSD', 1.1);
  const eurSell = await trade(desk, exchange, 'Sell', 'EURUSD', 1000);
  // A third, in dollars, still open at its entry.
  const gbpBuy = await trade(desk, exchange, 'Buy', 'GBPUSD', 1000);

  // Quotes go out: the marks below are what the blotter shows.
  exchange.controls.advance(200);

  // Prices in integer thousandths of a yen and 1e-5 dollars keep the arithmetic exact.
  const J = (p: number) => Math.round(p * 1000);
  const E = (p: number) => Math.round(p * 100_000);
  const [j1, j2, js] = [J(jpyBuy1), J(jpyBuy2), J(jpySell)];
  const [eb, es, gb] = [E(eurBuy), E(eurSell), E(gbpBuy)];
  const num = (text: string | undefined): number => Number((text ?? '').replace(/,/g, ''));

  const positions = await desk.show('Positions');
  const headers = positions.getByRole('columnheader');
  const totals = page.getByRole('table', { name: 'Position totals' });
  const accountBar = page.getByRole('region', { name: 'Account', exact: true });

  /**
   * What the blotter shows against what the trades and its marks make it (USD per
   * yen is 1 / USDJPY's mark): the mismatches, none when right. Read in one go, so
   * a quote arriving between two cells cannot mix two marks.
   */
  async function mismatches(method: 'FIFO' | 'AVERAGE'): Promise<string[]> {
    const by = method === 'FIFO' ? ' (FIFO)' : ' (average)';
    const rows = await desk.rows(positions);
    const jpy = rows.find((r) => r['Symbol'] === 'USDJPY');
    const eur = rows.find((r) => r['Symbol'] === 'EURUSD');
    const gbp = rows.find((r) => r['Symbol'] === 'GBPUSD');
    if (!jpy || !eur || !gbp) return ['a USDJPY, a EURUSD and a GBPUSD row'];
    const mj = J(num(jpy['Mark']));
    const me = E(num(eur['Mark']));
    const mg = E(num(gbp['Mark']));
    // Yen. FIFO: the 4,000 sold close the first lot; 1,000 of it and the second lot stay
    // open. Average cost: the 4,000 close at the average of both buys, 6,000 stay at it.
    const jpyRealized = method === 'FIFO' ? 4 * (js - j1) : 2 * (2 * js - j1 - j2);
    const jpyUnrealized =
      method === 'FIFO' ? (1000 * (mj - j1) + 5000 * (mj - j2)) / 1000 : 3 * (2 * mj - j1 - j2);
    const toUsd = (yen: number) => cents((yen * 1000) / mj);
    const eurRealized = cents((1000 * (es - eb)) / 100_000);
    const eurUnrealized = cents((1000 * (me - eb)) / 100_000);
    const eurExposure = cents((1000 * me) / 100_000);
    const gbpUnrealized = cents((1000 * (mg - gb)) / 100_000);
    const gbpExposure = cents((1000 * mg) / 100_000);
    const total = (col: string) => totals.locator(`[data-col="${col}"]`).textContent();
    const realizedTotal = toUsd(jpyRealized) + eurRealized;
    const expected: [string, string | null | undefined, string][] = [
      ['USDJPY net', jpy['Net qty'], '6,000'],
      ['USDJPY currency', jpy['Ccy'], 'JPY'],
      ['USDJPY realized JPY', jpy[`Realized P&L${by}`], shown(cents(jpyRealized))],
      ['USDJPY unrealized JPY', jpy['Unrealized P&L'], shown(cents(jpyUnrealized))],
      ['USDJPY realized USD', jpy[`Realized USD${by}`], shown(toUsd(jpyRealized))],
      ['USDJPY unrealized USD', jpy['Unrealized USD'], shown(toUsd(jpyUnrealized))],
      // 6,000 dollars' worth of USDJPY is 6,000 dollars at any rate.
      ['USDJPY exposure USD', jpy['Exposure USD'], '6,000.00'],
      ['EURUSD currency', eur['Ccy'], 'USD'],
      ['EURUSD realized USD', eur[`Realized USD${by}`], shown(eurRealized)],
      ['EURUSD unrealized USD', eur['Unrealized USD'], shown(eurUnrealized)],
      ['EURUSD exposure USD', eur['Exposure USD'], shown(eurExposure)],
      ['GBPUSD unrealized USD', gbp['Unrealized USD'], shown(gbpUnrealized)],
      ['GBPUSD realized USD', gbp[`Realized USD${by}`], '0.00'],
      ['total realized', await total('realizedAccount'), shown(realizedTotal)],
      [
        'total unrealized',
        await total('unrealizedAccount'),
        shown(toUsd(jpyUnrealized) + eurUnrealized + gbpUnrealized),
      ],
      [
        'total exposure',
        await total('exposureAccount'),
        shown(600_000 + eurExposure + gbpExposure),
      ],
    ];
    const wrong = expected
      .filter(([, actual, want]) => actual?.trim() !== want)
      .map(([what, actual, want]) => `${what}: ${actual ?? 'missing'} (want ${want})`);
    // The account bar's realized figure is the same sum.
    if (!((await accountBar.textContent()) ?? '').includes(`+${shown(realizedTotal)}`))
      wrong.push(`account bar realized: want +${shown(realizedTotal)}`);
    return wrong;
  }

  await expect(headers).toContainText([
    'Unrealized USD',
    'Realized USD (FIFO)',
    'Avg price (FIFO)',
    'Exposure USD',
    'Ccy',
    'Unrealized P&L',
    'Realized P&L (FIFO)',
  ]);
  await expect(totals.getByRole('rowheader')).toHaveText('Total USD');
  await expect.poll(() => mismatches('FIFO')).toEqual([]);
  // The fill toasts would hide the totals in the pictures.
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await shot('positions-account-currency');
  // A narrower window scrolls the columns sideways; the totals stay in view and follow them.
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot('positions-account-currency-1024');
  await positions.locator('.viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect(totals.locator('[data-col="exposureAccount"]')).toBeInViewport();
  await shot('positions-account-currency-1024-scrolled');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Average cost: the 4,000 sold close at the average of both buys.
  await page.getByRole('button', { name: 'Account…' }).click();
  const form = page.getByRole('form', { name: 'Account settings' });
  await form.getByLabel('Accounting').selectOption('AVERAGE');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(headers).toContainText([
    'Realized USD (average)',
    'Avg price (average)',
    'Realized P&L (average)',
  ]);
  await expect.poll(() => mismatches('AVERAGE')).toEqual([]);
  await shot('positions-average-cost');
});

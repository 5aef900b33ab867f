/**
 * What a trader sees, by accessible role and name (the names issue 4 promises):
 * the connection status, the order ticket, the blotter tabs and grids.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type BlotterTab = 'Working' | 'Orders' | 'Fills' | 'Positions';

const GRID_NAMES: Record<BlotterTab, string> = {
  Working: 'Working orders',
  Orders: 'Order history',
  Fills: 'Fills',
  Positions: 'Positions',
};

/** One order as typed into the ticket. */
export interface TicketOrder {
  symbol?: string;
  type?: 'Market' | 'Limit' | 'Stop' | 'Stop limit';
  quantity: string;
  price?: string;
  stopPrice?: string;
  timeInForce?: 'GTC' | 'GTT' | 'IOC' | 'FOK' | 'AON' | 'DAY' | 'TPI';
  /** datetime-local value, e.g. 2026-01-05T10:00 */
  expires?: string;
}

/** An OCO pair as typed into the OCO ticket: a limit leg and a plain stop leg on one side. */
export interface OcoOrder {
  symbol?: string;
  side: 'Buy' | 'Sell';
  quantity: string;
  limitPrice: string;
  stopPrice: string;
}

/** A blotter row: column header -> the cell's text. */
export type GridRow = Record<string, string>;

export class Desk {
  readonly connection: Locator;
  readonly ticket: Locator;
  readonly watchlist: Locator;
  /** The ticket's submit line ("Pending", "Sent"). */
  readonly ticketStatus: Locator;

  constructor(readonly page: Page) {
    this.connection = page.getByRole('status', { name: 'Connection' });
    this.ticket = page.getByRole('form', { name: 'Order ticket' });
    this.watchlist = page.getByRole('region', { name: 'Watchlist' });
    this.ticketStatus = this.ticket.getByRole('status');
  }

  /** A desk on `page`, once it is connected (every journey's first step). */
  static async connected(page: Page): Promise<Desk> {
    const desk = new Desk(page);
    await desk.expectConnected();
    return desk;
  }

  /** Waits for the status to read Connected and the watchlist to show prices. */
  async expectConnected(): Promise<void> {
    await expect(this.connection).toContainText('Connected', { timeout: 15_000 });
    await expect(this.watchlist.getByRole('button', { name: /^EURUSD bid / })).toBeVisible();
  }

  /** The watchlist's price button of a symbol's bid, ask or last. */
  quote(symbol: string, field: 'bid' | 'ask' | 'last'): Locator {
    return this.watchlist.getByRole('button', { name: new RegExp(`^${symbol} ${field} `) });
  }

  /** Fills the ticket (without sending). */
  async fillTicket(order: TicketOrder): Promise<void> {
    const t = this.ticket;
    await t.getByLabel('Symbol').selectOption(order.symbol ?? 'EURUSD');
    await t.getByLabel('Order type').selectOption({ label: order.type ?? 'Limit' });
    await t.getByLabel('Quantity').fill(order.quantity);
    if (order.price !== undefined) await t.getByLabel('Limit price').fill(order.price);
    if (order.stopPrice !== undefined) await t.getByLabel('Stop price').fill(order.stopPrice);
    // A MARKET order is offered only the immediate values (IOC first).
    const tif = order.timeInForce ?? (order.type === 'Market' ? 'IOC' : 'GTC');
    await t.getByLabel('Time in force').selectOption(tif);
    if (order.expires !== undefined) await t.getByLabel('Expires').fill(order.expires);
  }

  /** The ticket's Buy or Sell button. */
  sideButton(side: 'Buy' | 'Sell'): Locator {
    return this.ticket.getByRole('button', { name: side, exact: true });
  }

  /** Fills the ticket and presses Buy or Sell; waits until the exchange acknowledged it. */
  async place(side: 'Buy' | 'Sell', order: TicketOrder): Promise<void> {
    await this.fillTicket(order);
    await this.sideButton(side).click();
    await expect(this.ticketStatus).toContainText('Sent');
  }

  /** Opens the OCO ticket, fills it and presses Place OCO; waits until the exchange acknowledged it. */
  async placeOco(order: OcoOrder): Promise<void> {
    await this.page.getByRole('tab', { name: 'OCO', exact: true }).click();
    const oco = this.page.getByRole('form', { name: 'OCO ticket' });
    await oco.getByLabel('Symbol').selectOption(order.symbol ?? 'EURUSD');
    await oco.getByRole('radio', { name: order.side }).check();
    await oco.getByLabel('Quantity').fill(order.quantity);
    await oco.getByLabel('Limit price').fill(order.limitPrice);
    await oco.getByLabel('Stop leg').selectOption({ label: 'Stop' });
    await oco.getByLabel('Stop price').fill(order.stopPrice);
    await oco.getByRole('button', { name: 'Place OCO' }).click();
    await expect(oco.getByRole('status')).toContainText('Sent');
  }

  tab(name: BlotterTab): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  grid(name: BlotterTab): Locator {
    return this.page.getByRole('grid', { name: GRID_NAMES[name] });
  }

  /** Shows a blotter tab and returns its grid. */
  async show(name: BlotterTab): Promise<Locator> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    const grid = this.grid(name);
    await expect(grid).toBeVisible();
    return grid;
  }

  /** The data rows of a grid (not the header row). */
  dataRows(grid: Locator): Locator {
    return grid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  /** The row of a grid holding `text` in any cell. */
  row(grid: Locator, text: string | RegExp): Locator {
    return this.dataRows(grid).filter({ has: this.page.getByRole('gridcell', { name: text }) });
  }

  /** Reads the rendered rows of a grid as header -> cell text, in screen order. */
  async rows(grid: Locator): Promise<GridRow[]> {
    return grid.evaluate((el) => {
      const headers = [...el.querySelectorAll('[role="columnheader"]')].map((h) =>
        (h.textContent ?? '').replace(/[▲▼]/g, '').trim(),
      );
      const rows = [...el.querySelectorAll('[role="row"]')]
        .filter((r) => r.querySelector('[role="gridcell"]'))
        .sort(
          (a, b) =>
            Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')),
        );
      return rows.map((r) => {
        const cells = [...r.querySelectorAll('[role="gridcell"]')];
        const row: Record<string, string> = {};
        cells.forEach((c, i) => {
          const header = headers[i];
          if (header) row[header] = (c.textContent ?? '').trim();
        });
        return row;
      });
    });
  }

  /** The rendered rows of a grid as the given columns' texts joined by spaces, sorted. */
  async columns(grid: Locator, ...columns: string[]): Promise<string[]> {
    return summarize(await this.rows(grid), ...columns);
  }

  /** Waits until a grid shows exactly `count` data rows. */
  async expectRowCount(grid: Locator, count: number): Promise<void> {
    await expect(this.dataRows(grid)).toHaveCount(count);
  }
}

/** Rows as the given columns' texts joined by spaces, sorted (order-independent comparison). */
export function summarize(rows: GridRow[], ...columns: string[]): string[] {
  return rows.map((r) => columns.map((c) => `${r[c]}`).join(' ')).sort();
}

/** The value a datetime-local input takes for an epoch time (local time, minutes). */
export function dateTimeLocal(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `expect.poll` with short intervals: the UI follows the exchange within a frame or two. */
export function poll<T>(read: () => Promise<T> | T, message?: string) {
  return expect.poll(read, { intervals: [50, 100, 200], ...(message ? { message } : {}) });
}

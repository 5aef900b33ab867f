/** Journeys 14-15: CSV export of Fills, and trading without the mouse. */
import { readFile } from 'node:fs/promises';
import { Desk, poll } from '../desk';
import { expect, test } from '../fixtures';

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Screen cells group digits ("1,085.05"); CSV cells do not ("1085.05"). */
const ungroup = (cell: string): string => cell.replace(/(?<=\d),(?=\d{3}\b)/g, '');

test('14. CSV export of Fills contains exactly the rows shown', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Market', quantity: '12000' });
  await desk.place('Sell', { symbol: 'USDJPY', type: 'Market', quantity: '3000' });
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '1000', price: '1.08000' });
  exchange.setPrice('EURUSD', 1.0795);

  await desk.expectRowCount(desk.grid('Working'), 0);
  const fills = await desk.show('Fills');
  // Seed 7: each market order takes the top level whole, the limit fills once.
  await desk.expectRowCount(fills, 3);
  const shown = await desk.rows(fills);
  await shot('14-fills');

  const downloading = page.waitForEvent('download');
  await page
    .getByRole('region', { name: 'Fills blotter' })
    .getByRole('button', { name: 'Export CSV' })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^fills-.*\.csv$/);
  await expect(page.getByRole('status', { name: 'Blotter status' })).toContainText('Downloaded');
  const csv = parseCsv(await readFile(await download.path(), 'utf8'));
  const [header, ...body] = csv;
  const headers = Object.keys(shown[0] ?? {});
  expect(header).toEqual(headers);
  expect(body).toEqual(shown.map((row) => headers.map((h) => ungroup(row[h] ?? ''))));
});

test('15. keyboard only: place and cancel an order without the mouse', async ({
  page,
  exchange,
  shot,
}) => {
  const desk = await Desk.connected(page);
  const kb = page.keyboard;

  // Alt+T focuses the ticket's quantity; Shift+Tab reaches type and symbol.
  await kb.press('Alt+T');
  const quantity = desk.ticket.getByLabel('Quantity');
  await expect(quantity).toBeFocused();
  await kb.press('Shift+Tab');
  await expect(desk.ticket.getByLabel('Order type')).toBeFocused();
  await expect(desk.ticket.getByLabel('Order type')).toHaveValue('LIMIT');
  await kb.press('Tab');
  await kb.press('ControlOrMeta+A');
  await kb.type('4000');
  await kb.press('ArrowUp'); // one lot step: 5000
  await expect(quantity).toHaveValue('5000');
  await kb.press('Tab');
  const price = desk.ticket.getByLabel('Limit price');
  await expect(price).toBeFocused();
  await kb.type('1.08000');
  await kb.press('ArrowDown'); // one tick: 1.07999
  await expect(price).toHaveValue('1.07999');
  await shot('15-keyboard-ticket');
  await kb.press('F2'); // Buy
  await expect(desk.ticketStatus).toContainText(/Sent.*NEW/);

  const working = desk.grid('Working');
  await poll(() => desk.rows(working)).toEqual([
    expect.objectContaining({ Side: 'BUY', Qty: '5,000', Price: '1.07999', Status: 'NEW' }),
  ]);

  // Alt+G focuses the blotter grid; arrows select; Delete cancels the selected order.
  await kb.press('Alt+G');
  await expect(working).toBeFocused();
  await kb.press('ArrowDown');
  await expect(desk.dataRows(working).first()).toHaveAttribute('aria-selected', 'true');
  await shot('15-keyboard-selected');
  await kb.press('Delete');
  await desk.expectRowCount(working, 0);
  expect(exchange.workingOrders()).toEqual([]);

  await kb.press('Alt+2'); // Orders
  const orders = desk.grid('Orders');
  await expect(orders).toBeFocused();
  await poll(() => desk.rows(orders)).toEqual([
    expect.objectContaining({ Qty: '5,000', Price: '1.07999', Status: 'CANCELED' }),
  ]);
  await shot('15-keyboard-canceled');
});

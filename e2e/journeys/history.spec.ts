/** Every stored fill reachable: 1,300 fills in the database, the last row shown, the CSV whole. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PAPER_PROFILE_ID } from '../../electron/core/profiles';
import { HistoryDb } from '../../electron/db';
import { seededFills, writeHistory } from '../../electron/db/testing/historyRows';
import { Desk } from '../desk';
import { expect, test } from '../fixtures';

const STORED = 1300;
const T0 = Date.UTC(2024, 4, 1, 9, 30);

test('history: all 1,300 stored fills are reachable after a restart, and the CSV has every one', async ({
  app,
  dataDir,
  shot,
}) => {
  await Desk.connected(app.page);
  // Seed the app's own database (as the core writes it), then restart the app on it.
  const fills = seededFills(STORED, T0);
  const db = new HistoryDb(path.join(dataDir, 'app'));
  writeHistory(db, PAPER_PROFILE_ID, { fills });
  db.close();
  const page = await app.restart();
  const desk = await Desk.connected(page);

  const grid = await desk.show('Fills');
  const region = page.getByRole('region', { name: 'Fills blotter' });
  await expect(region.getByText(/1,300\s+rows/)).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', String(STORED + 1));

  // Newest first; ties by fill id, descending (as main sorts them): the last row is the oldest.
  const oldest = [...fills]
    .sort((a, b) => b.time - a.time || (a.fillId < b.fillId ? 1 : -1))
    .at(-1);
  await grid.locator('.viewport').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = grid.locator(`[role="row"][aria-rowindex="${STORED + 1}"]`);
  await expect(last.locator('[data-col="orderId"]')).toHaveText(String(oldest?.orderId));
  await expect(last.locator('[data-col="tradeId"]')).toHaveText(String(oldest?.tradeId ?? ''));
  await shot('history-fills-end');

  const downloading = page.waitForEvent('download');
  await region.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  await expect(page.getByRole('status', { name: 'Blotter status' })).toContainText(
    `Downloaded ${download.suggestedFilename()} (${STORED} rows)`,
  );
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe('Time,Symbol,Side,Qty,Price,Notional,Order ID,Trade ID,Account');
  expect(lines).toHaveLength(STORED + 1);
  // Every stored fill once: (order id, trade id) pairs, the derived fills by their order id.
  const exported = lines
    .slice(1)
    .map((line) => line.split(',').slice(6, 8).join(':'))
    .sort();
  const stored = fills.map((f) => `${f.orderId}:${f.tradeId ?? ''}`).sort();
  expect(exported).toEqual(stored);
});

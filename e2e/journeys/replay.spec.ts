/** Journey: market replay — import a file, replay it, a limit order fills when history trades through it, nothing beyond the replay clock is shown. */
import type { Page } from '@playwright/test';
import { Desk, poll } from '../desk';
import { expect, test } from '../fixtures';

const T0 = Date.UTC(2024, 0, 2);

/** 180 one-minute EURUSD candles sliding down 5 ticks a minute from 1.10000 (plain CSV with its header). */
function slidingFile(): string {
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < 180; i++) {
    const open = 1.1 - i * 0.00005;
    const close = open - 0.00005;
    const p = (x: number): string => x.toFixed(5);
    rows.push(
      [
        new Date(T0 + i * 60_000).toISOString(),
        p(open),
        p(open + 0.00002),
        p(close - 0.00002),
        p(close),
        100000,
      ].join(','),
    );
  }
  return rows.join('\n');
}

/** The replay bar's time, epoch ms. */
async function replayTime(page: Page): Promise<number> {
  const iso = await page.getByLabel('Replay time').getAttribute('datetime');
  return Date.parse(iso ?? '');
}

test('replay: import a file, a limit below the market fills at its price, the chart never runs ahead', async ({
  page,
  shot,
}) => {
  test.skip(test.info().project.name !== 'browser', 'the browser host forks the replay exchange');
  const desk = await Desk.connected(page);
  await page.getByRole('button', { name: 'Replay a file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay a file' });
  await dialog.getByLabel('File').setInputFiles({
    name: 'EURUSD.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(slidingFile()),
  });
  await dialog.getByLabel('Speed').selectOption('1');
  await shot('replay-01-import');
  await dialog.getByRole('button', { name: 'Start replay' }).click();

  const bar = page.getByRole('toolbar', { name: 'Replay controls' });
  await expect(bar.getByLabel('Replay mode')).toHaveText('REPLAY');
  await expect(bar).toContainText('EURUSD');
  await expect(bar.getByLabel('Replay file')).toContainText(
    '180 candles to 2024-01-02 03:00:00 UTC',
  );
  await expect(page.getByRole('banner').getByText('REPLAY', { exact: true })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection' }).or(desk.connection)).toContainText(
    'Connected',
  );
  await bar.getByRole('button', { name: 'Pause' }).click();
  await expect(bar.getByRole('button', { name: 'Play' })).toBeVisible();
  const pausedAt = await replayTime(page);
  expect(pausedAt).toBeGreaterThanOrEqual(T0);
  expect(pausedAt).toBeLessThan(T0 + 10 * 60_000);

  // 1.09500 is where the file trades 100 minutes in: well below the market now.
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '10000', price: '1.09500' });
  const working = await desk.show('Working');
  await expect(desk.row(working, '1.09500')).toBeVisible();
  await shot('replay-02-order-resting');

  // The chart shows nothing past the replay clock.
  const contents = page
    .getByRole('region', { name: 'Chart' })
    .getByRole('list', { name: 'Chart contents' });
  await expect(contents).toContainText(/candles of EURUSD/);
  const lastShown = /to (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC/.exec(
    (await contents.textContent()) ?? '',
  );
  expect(lastShown).not.toBeNull();
  expect(Date.parse(`${lastShown![1]}T${lastShown![2]}:00Z`)).toBeLessThanOrEqual(
    await replayTime(page),
  );

  await bar.getByLabel('Speed').selectOption('500');
  await bar.getByRole('button', { name: 'Play' }).click();
  const fills = await desk.show('Fills');
  await expect(desk.row(fills, '1.09500')).toBeVisible({ timeout: 30_000 });
  await poll(() => replayTime(page)).toBeGreaterThanOrEqual(T0 + 100 * 60_000);
  await bar.getByRole('button', { name: 'Pause' }).click();
  await shot('replay-03-filled');

  const beforeStep = await replayTime(page);
  await bar.getByRole('button', { name: 'Step candle' }).click();
  // A step ends on the next candle's open: wait for the bar to show it.
  await poll(async () => {
    const now = await replayTime(page);
    return now > beforeStep && now % 60_000 === 0;
  }).toBe(true);
  const stepped = await replayTime(page);
  const text = (await contents.textContent()) ?? '';
  const shown = /to (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC/.exec(text);
  expect(Date.parse(`${shown![1]}T${shown![2]}:00Z`)).toBeLessThanOrEqual(stepped);
  await shot('replay-04-stepped');
});

test('replay: a session outlives the app, reopened from the profiles list paused where it stopped, its orders and position kept', async ({
  page,
  app,
  shot,
}) => {
  test.skip(test.info().project.name !== 'browser', 'the browser host forks the replay exchange');
  const desk = await Desk.connected(page);
  await page.getByRole('button', { name: 'Replay a file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay a file' });
  await dialog.getByLabel('File').setInputFiles({
    name: 'EURUSD.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(slidingFile()),
  });
  await dialog.getByLabel('Speed').selectOption('60');
  await dialog.getByRole('button', { name: 'Start replay' }).click();
  const bar = page.getByRole('toolbar', { name: 'Replay controls' });
  await expect(bar.getByLabel('Replay mode')).toHaveText('REPLAY');
  await expect(bar.getByRole('button', { name: 'Pause' })).toBeVisible();

  // While it plays: a position (market buy) and a resting limit far below the file's prices.
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Market', quantity: '10000' });
  await desk.place('Buy', { symbol: 'EURUSD', type: 'Limit', quantity: '20000', price: '1.08000' });
  await expect(desk.row(await desk.show('Working'), '1.08000')).toBeVisible();
  await expect(desk.row(await desk.show('Positions'), 'EURUSD')).toBeVisible();
  await poll(() => replayTime(page)).toBeGreaterThanOrEqual(T0 + 2 * 60_000);
  const beforeClose = await replayTime(page);

  // The app host closes while the replay plays; a new one starts on the same data dir.
  const restarted = await app.restart();
  const again = await Desk.connected(restarted);
  await expect(restarted.getByRole('toolbar', { name: 'Replay controls' })).toHaveCount(0);
  await restarted.getByRole('button', { name: 'Profiles' }).click();
  const profiles = restarted.getByRole('dialog', { name: 'Connection profiles' });
  const sessions = profiles.getByRole('list', { name: 'Replay sessions' });
  const row = sessions.getByRole('listitem').filter({ hasText: 'Replay EURUSD 2024-01-02 00:00' });
  await expect(row).toContainText('EURUSD · 2024-01-02 00:00 to 2024-01-02 03:00:00 UTC');
  await expect(row).toContainText('180 candles');
  const stopped = /stopped at (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC/.exec(
    (await row.textContent()) ?? '',
  );
  expect(stopped).not.toBeNull();
  const stoppedAt = Date.parse(`${stopped![1]}T${stopped![2]}Z`);
  // The list shows whole seconds: a stop 0.3 s of replay time after 00:02:00.240 reads 00:02:00.
  expect(stoppedAt).toBeGreaterThanOrEqual(Math.floor(beforeClose / 1000) * 1000);
  await shot('replay-05-sessions');
  await restarted.setViewportSize({ width: 1024, height: 700 });
  await shot('replay-05-sessions-1024');
  await restarted.setViewportSize({ width: 1280, height: 800 });

  await profiles.getByRole('button', { name: 'Open Replay EURUSD 2024-01-02 00:00' }).click();
  await expect(profiles).toHaveCount(0);
  const reopened = restarted.getByRole('toolbar', { name: 'Replay controls' });
  await expect(reopened.getByLabel('Replay mode')).toHaveText('REPLAY');
  await expect(restarted.getByRole('banner').getByText('REPLAY', { exact: true })).toBeVisible();
  await expect(again.connection).toContainText('Connected');
  // Paused at the start of the minute it stopped in (that minute replays whole).
  await expect(reopened.getByRole('button', { name: 'Play' })).toBeVisible();
  await poll(() => replayTime(restarted)).toBe(Math.floor(stoppedAt / 60_000) * 60_000);
  await expect(reopened.getByLabel('Replay file')).toContainText(
    '2024-01-02 00:00:00 UTC to 2024-01-02 03:00:00 UTC',
  );
  await expect(again.row(await again.show('Working'), '1.08000')).toBeVisible();
  const position = again.row(await again.show('Positions'), 'EURUSD');
  await expect(position).toBeVisible();
  await expect(position).toContainText(/10,?000/);
  await shot('replay-06-reopened');
  await restarted.setViewportSize({ width: 1024, height: 700 });
  await shot('replay-06-reopened-1024');
});

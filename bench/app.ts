/**
 * Part 3: the app in Chromium through the browser host, with the blotters
 * mounted.
 *
 * - stream: a fake exchange (bench/app/fakeExchange.ts, its own process)
 *   pushes 10,000 `execution` messages a second for 10 s (quick: 3 s) while
 *   the Order history blotter is shown; the page records requestAnimationFrame
 *   deltas and longtask entries; afterwards every order and fill sent must be
 *   in the page's blotters and in the core's database.
 * - 100k: the fake exchange answers the resync's `orders` with 100,000 orders
 *   (released once the page has loaded); then the Orders tab is opened (time
 *   to the first painted rows) and its grid scrolled every frame for 2 s.
 * - startup: launching the browser host with the bundled paper exchange until
 *   the page reads Connected with quotes shown.
 *
 * `npx tsx bench/app.ts [--quick]` runs it alone and prints its figures as
 * JSON; `bench/run.ts` takes `appBench`. Needs `npx electron-vite build`.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import type { FillRow, OrderRow } from '../shared/ipc';
import {
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from '../electron/hosts/browser/host';
import { tempDir } from '../mock-exchange/testing';
import { BenchChild } from './child';
import { LOGIN, TOKEN, type ParentMessage, type StreamReport } from './app/fakeExchange';
import {
  blotterCount,
  connectedAt,
  launchBrowser,
  openApp,
  profiled,
  ordersFirstRenderMs,
  renderedRowIndexes,
  scrollDeltas,
  showTab,
  startRecording,
  stopRecording,
  waitForCount,
} from './app/page';
import { median, percentile, round } from './stats';
import type { BenchModule, BenchSettings, Figure } from './types';

const STREAM_RATE = 10_000;
const HISTORY_ORDERS = 100_000;
const SCROLL_MS = 2000;
/** Pixels scrolled per frame (about ten rows, a brisk wheel). */
const SCROLL_STEP = 260;

/** The fake exchange in its own process. */
class FakeExchange {
  private readonly child = new BenchChild('app/fakeExchange.ts');

  async ask<T>(message: ParentMessage): Promise<T> {
    const answer = await this.child.ask<T | { error: string }>(message);
    if (typeof answer === 'object' && answer !== null && 'error' in answer)
      throw new Error(`fake exchange: ${answer.error}`);
    return answer as T;
  }

  close(): void {
    this.child.close();
  }
}

/** BENCH_APP_RENDERER: a copy of out/renderer (to compare builds while others rebuild out/). */
function rendererOption(): { rendererDir?: string } {
  const dir = process.env['BENCH_APP_RENDERER'];
  return dir ? { rendererDir: dir } : {};
}

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

async function withHost<T>(
  exchange: BrowserHostOptions['exchange'],
  body: (host: BrowserHost) => Promise<T>,
): Promise<T> {
  const { dir: dataDir, remove } = tempDir('app-bench-');
  const host = await startBrowserHost({
    port: 0,
    dataDir,
    ...(exchange === undefined ? {} : { exchange }),
    // The 100k history reply is held until the page has loaded: do not time it out.
    coreOptions: { session: { requestTimeoutMs: 120_000 } },
    ...rendererOption(),
    ...(process.env['BENCH_APP_VERBOSE']
      ? { log: (line: string) => process.stderr.write(`host: ${line}\n`) }
      : {}),
  });
  try {
    return await body(host);
  } finally {
    await host.close();
    remove();
  }
}

/** The stream: frames, long tasks, and that nothing sent is missing. */
async function streamScenario(browser: Browser, settings: BenchSettings): Promise<Figure[]> {
  const seconds = settings.quick ? 3 : 10;
  const exchange = new FakeExchange();
  try {
    const { url } = await exchange.ask<{ url: string }>({
      type: 'start',
      history: 0,
      holdOrders: false,
    });
    return await withHost(
      { url, token: TOKEN, login: LOGIN, revision: 'extended' },
      async (host) => {
        const drops: string[] = [];
        host.core.onEvents((batch) => {
          for (const status of batch.connection ?? [])
            if (status.state !== 'connected') drops.push(status.reason ?? status.state);
        });
        const page = await openApp(browser, host.url);
        await connectedAt(page);
        await showTab(page, 'orders');
        await new Promise((resolve) => setTimeout(resolve, 500));
        settings.log(`app: stream ${STREAM_RATE}/s for ${seconds} s (load ${load()})`);
        await startRecording(page);
        const { report, shown, settleMs } = await profiled(page, 'stream', async () => {
          const sent = await exchange.ask<StreamReport>({
            type: 'stream',
            perSecond: STREAM_RATE,
            seconds,
          });
          const sentAt = performance.now();
          const caughtUp = await waitForCount(page, 'Order history', sent.orders, 60_000);
          return { report: sent, shown: caughtUp, settleMs: performance.now() - sentAt };
        });
        const { deltas, longTasks } = await stopRecording(page);
        const pageOrders = await blotterCount(page, 'Order history');
        await showTab(page, 'fills');
        await waitForCount(page, 'Fills', report.fills, 10_000);
        const pageFills = await blotterCount(page, 'Fills');
        await page.close();

        // The core's database must hold every order in its final state and every fill.
        const rows = await host.core.invoke('queryOrders', { limit: 1_000_000 });
        const fills = await host.core.invoke('queryFills', { limit: 1_000_000 });
        const orderRows = rows.ok ? (rows.value as OrderRow[]) : [];
        const byId = new Map<number, OrderRow>(orderRows.map((r) => [r.orderId, r]));
        let wrongInCore = 0;
        for (const [orderId, executedQty, status] of report.finals) {
          const row = byId.get(orderId);
          if (!row || row.executedQty !== executedQty || row.status !== status) wrongInCore += 1;
        }
        const coreFills = fills.ok ? (fills.value as FillRow[]).length : 0;
        const lost =
          Math.max(0, report.orders - pageOrders) +
          Math.max(0, report.fills - pageFills) +
          wrongInCore +
          Math.max(0, report.fills - coreFills);
        settings.log(
          `app: sent ${report.executions} executions (${report.orders} orders, ${report.fills} fills) in ${report.elapsedMs} ms; ` +
            `page ${pageOrders} orders / ${pageFills} fills${shown ? '' : ' (timed out)'} ${Math.round(settleMs)} ms after the last; ` +
            `core ${byId.size} orders (${wrongInCore} wrong) / ${coreFills} fills; ${deltas.length} frames, ` +
            `p50 ${round(percentile(deltas, 50))} p95 ${round(percentile(deltas, 95))} max ${round(Math.max(...deltas))} ms; ` +
            `long tasks ${longTasks.length} (${longTasks.map((d) => Math.round(d)).join(', ')}); ` +
            `link drops: ${drops.length === 0 ? 'none' : drops.join('; ')}`,
        );
        const rate = Math.round((report.executions / report.elapsedMs) * 1000);
        const note = `${report.executions} executions at ${rate}/s (asked ${STREAM_RATE}/s), Order history shown, load ${load()}`;
        return [
          {
            key: 'frame_p95_ms',
            value: round(percentile(deltas, 95)),
            unit: 'ms',
            target: { op: '<=', value: 16.7 },
            note,
          },
          {
            key: 'long_tasks_over_50ms',
            value: longTasks.filter((d) => d > 50).length,
            unit: '',
            target: { op: '<=', value: 0 },
            note: longTasks.length > 0 ? `longest ${Math.round(Math.max(...longTasks))} ms` : '',
          },
          {
            key: 'stream_sent_per_s',
            value: rate,
            unit: '/s',
            note: 'what the fake exchange managed to push (it shares the CPU with the host and Chromium)',
          },
          {
            key: 'executions_lost',
            value: lost,
            unit: '',
            target: { op: '<=', value: 0 },
            note: `${report.executions} sent; page caught up ${Math.round(settleMs)} ms after the last`,
          },
        ];
      },
    );
  } finally {
    exchange.close();
  }
}

/** 100,000 orders: first render of the Order history blotter and scrolling it. */
async function historyScenario(browser: Browser, settings: BenchSettings): Promise<Figure[]> {
  const exchange = new FakeExchange();
  try {
    const { url } = await exchange.ask<{ url: string }>({
      type: 'start',
      history: HISTORY_ORDERS,
      holdOrders: true,
    });
    return await withHost(
      { url, token: TOKEN, login: LOGIN, revision: 'extended' },
      async (host) => {
        const page = await openApp(browser, host.url);
        await connectedAt(page);
        const released = performance.now();
        await exchange.ask({ type: 'release' });
        // 1% of the history is left working: the Working blotter shows them once all arrived.
        if (!(await waitForCount(page, 'Working orders', HISTORY_ORDERS / 100, 120_000)))
          throw new Error('the 100k orders did not arrive in the page');
        const loadedMs = performance.now() - released;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        settings.log(
          `app: 100k orders in the page ${Math.round(loadedMs)} ms after the reply (load ${load()})`,
        );
        const firstRender = await ordersFirstRenderMs(page);
        const count = await blotterCount(page, 'Order history');
        if (count !== HISTORY_ORDERS) throw new Error(`Order history shows ${count} rows`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const deltas = await profiled(page, 'scroll', () =>
          scrollDeltas(page, SCROLL_MS, SCROLL_STEP),
        );
        const indexes = await renderedRowIndexes(page);
        if (indexes.length === 0) throw new Error('no rows rendered after scrolling');
        const elapsed = deltas.reduce((a, b) => a + b, 0);
        const fps = (deltas.length / elapsed) * 1000;
        settings.log(
          `app: first render ${round(firstRender)} ms; scroll ${deltas.length} frames in ${Math.round(elapsed)} ms, ` +
            `p95 ${round(percentile(deltas, 95))} max ${round(Math.max(...deltas))} ms; rows ${Math.min(...indexes)}-${Math.max(...indexes)}`,
        );
        await page.close();
        const note = `load ${load()}`;
        return [
          {
            key: 'blotter_100k_first_render_ms',
            value: round(firstRender),
            unit: 'ms',
            target: { op: '<=', value: 200 },
            note: `click on Orders to first painted rows; ${note}`,
          },
          {
            key: 'blotter_scroll_fps',
            value: round(fps),
            unit: 'fps',
            target: { op: '>=', value: 55 },
            note: `${SCROLL_STEP} px a frame for ${SCROLL_MS / 1000} s; ${note}`,
          },
        ];
      },
    );
  } finally {
    exchange.close();
  }
}

/** Host launch (forking the paper exchange) to Connected with quotes, median of runs. */
async function startupScenario(browser: Browser, settings: BenchSettings): Promise<Figure[]> {
  const runs: number[] = [];
  for (let i = 0; i < (settings.quick ? 1 : 3); i += 1) {
    const { dir: dataDir, remove } = tempDir('app-bench-startup-');
    const started = Date.now();
    const host = await startBrowserHost({
      port: 0,
      dataDir,
      exchange: 'paper',
      ...rendererOption(),
    });
    try {
      const page = await openApp(browser, host.url);
      runs.push((await connectedAt(page)) - started);
      await page.close();
    } finally {
      await host.close();
      remove();
    }
  }
  settings.log(`app: startup ${runs.join(' / ')} ms (load ${load()})`);
  return [
    {
      key: 'startup_to_connected_ms',
      value: Math.round(median(runs)),
      unit: 'ms',
      target: { op: '<=', value: 2000 },
      note: `median of ${runs.join(' / ')} ms; load ${load()}`,
    },
  ];
}

/** The keys each scenario reports (null when it could not run). */
const SCENARIO_KEYS = {
  stream: ['stream_sent_per_s', 'frame_p95_ms', 'long_tasks_over_50ms', 'executions_lost'],
  history: ['blotter_100k_first_render_ms', 'blotter_scroll_fps'],
  startup: ['startup_to_connected_ms'],
} as const;

/** Part 3's figures. */
export async function appFigures(settings: BenchSettings): Promise<Figure[]> {
  // BENCH_APP_ONLY=stream,history,startup runs a subset (while profiling one).
  const only = process.env['BENCH_APP_ONLY']?.split(',');
  const scenarios = { stream: streamScenario, history: historyScenario, startup: startupScenario };
  const browser = await launchBrowser();
  try {
    const figures: Figure[] = [];
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (only && !only.includes(name)) continue;
      try {
        figures.push(...(await scenario(browser, settings)));
      } catch (error) {
        // A scenario that cannot run reports its keys as not measured (null in the JSON line).
        const why = error instanceof Error ? error.message : String(error);
        settings.log(`app: ${name} scenario failed: ${why}`);
        for (const key of SCENARIO_KEYS[name as keyof typeof scenarios])
          figures.push({ key, value: Number.NaN, unit: '', note: `not measured: ${why}` });
      }
    }
    return figures;
  } finally {
    await browser.close();
  }
}

/** The module `bench/run.ts` runs. */
export const appBench: BenchModule = { name: 'app', run: appFigures };

/** The figures by key (for callers that want only numbers). */
export async function runAppBench(opts: { quick: boolean }): Promise<Record<string, number>> {
  const figures = await appFigures({
    quick: opts.quick,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  return Object.fromEntries(figures.map((f) => [f.key, f.value]));
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  runAppBench({ quick: process.argv.includes('--quick') })
    .then((figures) => {
      process.stdout.write(
        `${JSON.stringify({ ...figures, load_avg_1m: round(loadavg()[0] ?? 0) })}\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}

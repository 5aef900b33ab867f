/**
 * Journey fixtures: every test gets a fresh data directory, its own mock
 * exchange (in-process, manual clock, seeded, its own token, no rate limit)
 * and its own app (the browser host in Chromium, or the Electron app when the
 * project's metadata names an Electron binary), torn down afterwards.
 */
import { _electron, test as base, expect, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../electron/hosts/browser/host';
import type { SessionTuning } from '../electron/session';
import { startExchange } from '../mock-exchange/index';

type ExchangeHandle = Awaited<ReturnType<typeof startExchange>>;

/** The account every journey trades on. */
export const LOGIN = 'demo';
/** The account on a current-revision exchange (its logins are numbers). */
export const CURRENT_LOGIN = '100001';
/** Which kind of server a journey's exchange is. */
export type ExchangeRevision = 'extended' | 'first' | 'current';
/** Seed of every journey's simulated market. */
export const SEED = 7;
const REPO_ROOT = path.join(import.meta.dirname, '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'e2e', 'screenshots');

/** A test's own exchange; `restart` brings it back on the same port with the same journal. */
export class TestExchange {
  readonly token = randomBytes(12).toString('hex');
  #handle: ExchangeHandle | null = null;
  #port = 0;
  #chartPort = 0;
  /** Set by a reset: the ids a venue that lost its orders gives out (never ones it gave before). */
  #firstOrderId: number | undefined;

  constructor(
    readonly dataDir: string,
    readonly revision: ExchangeRevision = 'extended',
    readonly chartApi = true,
  ) {}

  /** The account the app trades on. */
  get login(): string {
    return this.revision === 'current' ? CURRENT_LOGIN : LOGIN;
  }

  /** Starts (or restarts) the exchange; the market is paused so only the test moves prices. */
  async start(): Promise<void> {
    if (this.#handle) throw new Error('exchange already running');
    const handle = await startExchange({
      port: this.#port,
      seed: SEED,
      clock: 'manual',
      // Exchange time starts at the wall clock, so the ticket's GTT picker and the exchange agree.
      startTime: Date.now(),
      rateLimit: false,
      dataDir: this.dataDir,
      revision: this.revision,
      chartApi: this.chartApi,
      chartPort: this.#chartPort,
      accounts: [{ login: this.login, token: this.token }],
      ...(this.#firstOrderId === undefined ? {} : { firstOrderId: this.#firstOrderId }),
    });
    handle.controls.pauseMarket();
    this.#handle = handle;
    this.#port = handle.port;
    this.#chartPort = handle.chartUrl ? Number(new URL(handle.chartUrl).port) : 0;
  }

  /** Stops the exchange (the app's sessions are closed). */
  async stop(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }

  /** Stops and starts the exchange; `reset`: its journal is gone, so it knows no order of before. */
  async restart(options: { reset?: boolean } = {}): Promise<void> {
    await this.stop();
    if (options.reset) {
      rmSync(this.dataDir, { recursive: true, force: true });
      this.#firstOrderId = 1_000_000;
    }
    await this.start();
  }

  get handle(): ExchangeHandle {
    if (!this.#handle) throw new Error('the exchange is stopped');
    return this.#handle;
  }
  get controls(): ExchangeHandle['controls'] {
    return this.handle.controls;
  }
  get url(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }
  /** The Chart API's address (stable across restarts), or null without one. */
  get chartUrl(): string | null {
    return this.chartApi ? `http://127.0.0.1:${this.#chartPort}` : null;
  }
  get running(): boolean {
    return this.#handle !== null;
  }

  /** Moves a symbol's reference price (the maker re-quotes through resting orders). */
  setPrice(symbol: string, price: number): void {
    const result = this.controls.setReferencePrice(symbol, price);
    if (!result.ok)
      throw new Error(`setReferencePrice(${symbol}, ${price}): ${result.error.error}`);
  }

  /** The demo account's working orders at the exchange. */
  workingOrders(): ReturnType<ExchangeHandle['engine']['workingOrders']> {
    return this.handle.engine.workingOrders([this.login]);
  }

  /** Every order of the demo account the exchange holds (changed since the epoch). */
  allOrders(): ReturnType<ExchangeHandle['engine']['ordersChangedSince']> {
    return this.handle.engine.ordersChangedSince([this.login], 0);
  }
}

/** The app under test, in whichever host the project uses. */
export interface AppUnderTest {
  /** The app's window. */
  readonly page: Page;
  /** Closes the app and starts it again on the same data directory; returns the new window. */
  restart(): Promise<Page>;
  close(): Promise<void>;
}

interface TestFixtures {
  /** Session tuning of the app's core (journey 12 slows the reconnect down). */
  sessionTuning: SessionTuning | undefined;
  /** The protocol revision the test's exchange speaks (the app finds out by itself). */
  exchangeRevision: ExchangeRevision;
  /** Whether the test's exchange serves its Chart API. */
  chartApi: boolean;
  /** The test's temporary directory (app data in `app/`, exchange journal in `exchange/`). */
  dataDir: string;
  exchange: TestExchange;
  app: AppUnderTest;
  /** Saves a screenshot of the app's window as test-results/e2e/screenshots/<name>.png. */
  shot: (name: string) => Promise<void>;
}

interface WorkerFixtures {
  /** Chromium for the browser host (not launched in the Electron project). */
  hostBrowser: Browser | null;
}

function electronPathOf(metadata: Record<string, unknown>): string | undefined {
  return typeof metadata.electron === 'string' ? metadata.electron : undefined;
}

/** Opens the app in the browser host: a host started in-process and a page at its address. */
async function openBrowserHost(
  browser: Browser,
  appDir: string,
  exchange: TestExchange,
  sessionTuning: SessionTuning | undefined,
): Promise<AppUnderTest> {
  const startHost = (): Promise<BrowserHost> =>
    startBrowserHost({
      port: 0,
      dataDir: appDir,
      exchange: {
        url: exchange.url,
        token: exchange.token,
        login: exchange.login,
        revision: 'auto',
        chartUrl: exchange.chartUrl,
      },
      ...(sessionTuning ? { coreOptions: { session: sessionTuning } } : {}),
    });
  let host = await startHost();
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    page,
    async restart() {
      await host.close();
      host = await startHost();
      await page.goto(host.url);
      return page;
    },
    async close() {
      await context.close();
      await host.close();
    },
  };
}

/** Opens the Electron app (out/main/index.js) on the test's data directory and exchange. */
async function openElectron(
  executablePath: string,
  appDir: string,
  exchange: TestExchange,
): Promise<AppUnderTest> {
  const launch = async () => {
    const app = await _electron.launch({
      executablePath,
      args: [path.join(REPO_ROOT, 'out', 'main', 'index.js')],
      env: {
        ...process.env,
        PAPER_DESK_DATA_DIR: appDir,
        PAPER_DESK_EXCHANGE: JSON.stringify({
          url: exchange.url,
          token: exchange.token,
          login: exchange.login,
        }),
      },
    });
    return { app, page: await app.firstWindow() };
  };
  let current = await launch();
  return {
    get page() {
      return current.page;
    },
    async restart() {
      await current.app.close();
      current = await launch();
      return current.page;
    },
    async close() {
      await current.app.close();
    },
  };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  hostBrowser: [
    async ({ playwright }, use, workerInfo) => {
      if (electronPathOf(workerInfo.project.metadata)) return use(null);
      // Launch options (Debian's Chromium, flags) come from the config's `use.launchOptions`.
      const browser = await playwright.chromium.launch();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  sessionTuning: [undefined, { option: true }],
  exchangeRevision: ['extended', { option: true }],
  chartApi: [true, { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from it
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paper-desk-e2e-'));
    mkdirSync(path.join(dir, 'app'));
    mkdirSync(path.join(dir, 'exchange'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  exchange: async ({ dataDir, exchangeRevision, chartApi }, use) => {
    const exchange = new TestExchange(path.join(dataDir, 'exchange'), exchangeRevision, chartApi);
    await exchange.start();
    await use(exchange);
    await exchange.stop();
  },

  app: async ({ hostBrowser, dataDir, exchange, sessionTuning }, use, testInfo) => {
    const appDir = path.join(dataDir, 'app');
    const electronPath = electronPathOf(testInfo.project.metadata);
    const app = electronPath
      ? await openElectron(electronPath, appDir, exchange)
      : await openBrowserHost(hostBrowser!, appDir, exchange, sessionTuning);
    const errors: string[] = [];
    app.page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await use(app);
    await app.close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },

  page: async ({ app }, use) => {
    await use(app.page);
  },

  shot: async ({ app }, use, testInfo) => {
    const prefix = testInfo.project.name === 'browser' ? '' : `${testInfo.project.name}-`;
    await use(async (name) => {
      await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${prefix}${name}.png`) });
    });
  },
});

export { expect };

/**
 * The app bench's browser side: Chromium through Playwright, and the
 * scripts it runs in the page. Page scripts are plain JavaScript strings so
 * that no TypeScript loader helper ends up in code the page runs.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium';

/** Launches headless Chromium with the flags the e2e suite uses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/**
 * Installed before the app loads: a requestAnimationFrame loop and a
 * longtask observer that record while `window.__bench.recording` is set.
 */
const RECORDER = `
window.__bench = { recording: false, deltas: [], longTasks: [] };
(() => {
  const b = window.__bench;
  let last = 0;
  const loop = (t) => {
    if (b.recording && last > 0) b.deltas.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    if (b.recording) for (const e of list.getEntries()) b.longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
})();
`;

/** A page of the app with the recorder installed. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript({ content: RECORDER });
  await page.goto(url);
  return page;
}

/**
 * Epoch ms at which the status reads Connected and EURUSD shows a bid, checked
 * every frame in the page (not with waitForFunction: the app's CSP forbids the
 * eval it polls with).
 */
export async function connectedAt(page: Page, timeoutMs = 30_000): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const until = Date.now() + ${timeoutMs};
    const check = () => {
      const status = document.querySelector('[role="status"][aria-label="Connection"]');
      const bid = document.querySelector('[aria-label="Watchlist"] button[aria-label^="EURUSD bid "]');
      if (status && /Connected/.test(status.textContent) && bid) resolve(Date.now());
      else if (Date.now() > until) reject(new Error('not connected with quotes in time'));
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

/** The row count a blotter shows ("12,345 rows"), or -1 when that blotter is not shown. */
export async function blotterCount(page: Page, label: string): Promise<number> {
  return page.evaluate(`(() => {
    const el = document.querySelector('section[aria-label="${label} blotter"] .count');
    if (!el) return -1;
    const m = /^([\\d,]+)/.exec(el.textContent.trim());
    return m ? Number(m[1].replace(/,/g, '')) : -1;
  })()`);
}

/** Waits until a blotter shows `count` rows; returns false on timeout. */
export async function waitForCount(
  page: Page,
  label: string,
  count: number,
  timeoutMs: number,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await blotterCount(page, label)) === count) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Clicks a blotter tab and waits for its grid. */
export async function showTab(page: Page, tab: 'working' | 'orders' | 'fills' | 'positions') {
  await page.click(`#blotter-tab-${tab}`);
  await page.waitForSelector(`#blotter-tab-${tab}[aria-selected="true"]`);
}

/** Starts recording frames and long tasks (clearing what was recorded). */
export async function startRecording(page: Page): Promise<void> {
  await page.evaluate(
    `(() => { const b = window.__bench; b.deltas = []; b.longTasks = []; b.recording = true; })()`,
  );
}

/** Stops recording; returns the frame deltas and long task durations (ms). */
export async function stopRecording(
  page: Page,
): Promise<{ deltas: number[]; longTasks: number[] }> {
  return page.evaluate(`(() => {
    const b = window.__bench;
    b.recording = false;
    return { deltas: b.deltas, longTasks: b.longTasks };
  })()`);
}

/**
 * Clicks the Orders tab in the page and resolves the ms from the click to
 * the end of the first frame that holds grid rows (a task posted from that
 * frame's requestAnimationFrame runs after its paint).
 */
export async function ordersFirstRenderMs(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const tab = document.querySelector('#blotter-tab-orders');
    const t0 = performance.now();
    tab.click();
    const check = () => {
      const grid = document.querySelector('[role="grid"][aria-label="Order history"]');
      if (grid && grid.querySelector('[role="gridcell"]')) setTimeout(() => resolve(performance.now() - t0), 0);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
}

/** Scrolls the Order history grid by `step` px every frame for `ms`; returns the frame deltas. */
export async function scrollDeltas(page: Page, ms: number, step: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const grid = document.querySelector('[role="grid"][aria-label="Order history"]');
    const viewport = grid.firstElementChild;
    const deltas = [];
    let last = 0;
    let end = 0;
    let dir = 1;
    const max = viewport.scrollHeight - viewport.clientHeight;
    const frame = (t) => {
      if (last > 0) deltas.push(t - last);
      else end = t + ${ms};
      last = t;
      if (viewport.scrollTop + ${step} > max) dir = -1;
      else if (viewport.scrollTop - ${step} < 0) dir = 1;
      viewport.scrollTop += dir * ${step};
      if (t < end) requestAnimationFrame(frame);
      else resolve(deltas);
    };
    requestAnimationFrame(frame);
  })`);
}

/** Rows the Order history grid renders at the moment (sanity check of the scroll). */
export async function renderedRowIndexes(page: Page): Promise<number[]> {
  return page.evaluate(`[...document.querySelectorAll('[role="grid"][aria-label="Order history"] [role="row"][aria-rowindex]')]
    .map((r) => Number(r.getAttribute('aria-rowindex')))`);
}

/** A CPU profile of the page while `body` runs (BENCH_APP_PROFILE=<dir> writes it there). */
export async function profiled<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  const dir = process.env['BENCH_APP_PROFILE'];
  if (!dir) return body();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    await cdp.detach();
  }
}

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
 *
 * Watched panels (`startRecording(page, panels)`): a MutationObserver marks
 * a panel changed; the panel's sample is then the longer of the frame in
 * which it changed and the next one (a change made in a task between frames
 * is painted in the next frame, one made in an animation-frame callback in
 * the same frame). That is the frame time the user sees when the panel
 * repaints, everything else done in those frames included: an upper bound
 * of the panel's own cost, judged against the same 16.7 ms budget.
 *
 * `callbacks`: how many of the app's requestAnimationFrame callbacks ran in
 * each frame that had any (its stores, the chart library): the browser runs
 * microtasks, and so Svelte's page updates, after each one.
 */
const RECORDER = `
window.__bench = { recording: false, deltas: [], longTasks: [], panels: {}, callbacks: [] };
(() => {
  const b = window.__bench;
  const raf = window.requestAnimationFrame.bind(window);
  // The app's animation-frame callbacks, counted per frame (ours are not counted).
  let appCallbacks = 0;
  window.requestAnimationFrame = (callback) =>
    raf((t) => {
      appCallbacks += 1;
      callback(t);
    });
  let last = 0;
  const loop = (t) => {
    if (b.recording && appCallbacks > 0) b.callbacks.push(appCallbacks);
    appCallbacks = 0;
    if (b.recording && last > 0) {
      const delta = t - last;
      b.deltas.push(delta);
      for (const p of Object.values(b.panels)) {
        if (p.pending !== null) {
          p.samples.push(Math.max(p.pending, delta));
          p.pending = null;
        }
        if (p.changed) {
          p.changed = false;
          p.pending = delta;
        }
      }
    }
    last = t;
    raf(loop);
  };
  raf(loop);
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

/** Panels whose repaints are timed: a name and a CSS selector. */
export type Panels = Record<string, string>;

/** What the page recorded: frame deltas, long tasks, and each watched panel's samples (ms). */
export interface Recording {
  deltas: number[];
  longTasks: number[];
  /** The app's animation-frame callbacks in each frame that had any. */
  callbacks: number[];
  panels: Record<string, { samples: number[]; changes: number }>;
}

/**
 * Starts recording frames and long tasks (clearing what was recorded), and
 * the repaints of `panels` (each must be in the page).
 */
export async function startRecording(page: Page, panels: Panels = {}): Promise<void> {
  await page.evaluate(`(() => {
    const b = window.__bench;
    for (const p of Object.values(b.panels)) p.observer.disconnect();
    b.deltas = []; b.longTasks = []; b.panels = {}; b.callbacks = [];
    for (const [name, selector] of Object.entries(${JSON.stringify(panels)})) {
      const el = document.querySelector(selector);
      if (!el) throw new Error('no panel ' + selector);
      const p = { samples: [], changes: 0, changed: false, pending: null, observer: null };
      p.observer = new MutationObserver(() => { if (b.recording) { p.changed = true; p.changes += 1; } });
      p.observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
      b.panels[name] = p;
    }
    b.recording = true;
  })()`);
}

/** Stops recording; returns the frame deltas, long task durations and panel samples (ms). */
export async function stopRecording(page: Page): Promise<Recording> {
  return page.evaluate(`(() => {
    const b = window.__bench;
    b.recording = false;
    const panels = {};
    for (const [name, p] of Object.entries(b.panels)) {
      p.observer.disconnect();
      panels[name] = { samples: p.samples, changes: p.changes };
    }
    return { deltas: b.deltas, longTasks: b.longTasks, callbacks: b.callbacks, panels };
  })()`);
}

/**
 * How much of each selector's element lies inside the viewport (0-1; -1:
 * not in the page), to say in the note what was on screen.
 */
export async function onScreen(page: Page, panels: Panels): Promise<Record<string, number>> {
  return page.evaluate(`(() => {
    const out = {};
    for (const [name, selector] of Object.entries(${JSON.stringify(panels)})) {
      const el = document.querySelector(selector);
      if (!el) { out[name] = -1; continue; }
      const r = el.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      out[name] = r.width * r.height > 0 ? (w * h) / (r.width * r.height) : 0;
    }
    return out;
  })()`);
}

/** Scrolls an element into view (the tools dock sits below the ticket in a scrolled column). */
export async function scrollIntoView(page: Page, selector: string): Promise<void> {
  await page.evaluate(
    `document.querySelector(${JSON.stringify(selector)})?.scrollIntoView({ block: 'end' })`,
  );
}

/**
 * Resolves once `selector` matches and `absent` (if given) does not, checked
 * every frame in the page; false on timeout.
 */
export async function waitInPage(
  page: Page,
  selector: string,
  absent: string | null,
  timeoutMs: number,
): Promise<boolean> {
  return page.evaluate(`new Promise((resolve) => {
    const until = Date.now() + ${timeoutMs};
    const check = () => {
      const there = document.querySelector(${JSON.stringify(selector)});
      const gone = ${absent === null ? 'true' : `!document.querySelector(${JSON.stringify(absent)})`};
      if (there && gone) resolve(true);
      else if (Date.now() > until) resolve(false);
      else requestAnimationFrame(check);
    };
    check();
  })`);
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

/**
 * Profiles the page while `body` runs: BENCH_APP_PROFILE=<dir> writes a CPU
 * profile (`<name>.cpuprofile`, the page's JavaScript), BENCH_APP_TRACE=<dir>
 * a Chromium performance trace (`<name>.trace.json`: tasks, style, layout,
 * paint and JavaScript, as the performance panel records them).
 */
export async function profiled<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  const traceDir = process.env['BENCH_APP_TRACE'];
  if (!traceDir) return cpuProfiled(page, name, body);
  const browser = page.context().browser();
  if (!browser) return cpuProfiled(page, name, body);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(traceDir, { recursive: true });
  await browser.startTracing(page, {
    path: `${traceDir}/${name}.trace.json`,
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.frame',
      ...(process.env['BENCH_APP_TRACE_INVALIDATIONS']
        ? ['disabled-by-default-devtools.timeline.invalidationTracking']
        : []),
      'v8.execute',
      'blink.user_timing',
    ],
  });
  try {
    return await cpuProfiled(page, name, body);
  } finally {
    await browser.stopTracing();
  }
}

/** Seconds the page's main thread spent, in all and on each kind of work (Chromium's counters). */
export interface MainThreadTime {
  tasks: number;
  script: number;
  layout: number;
  style: number;
}

/**
 * Starts reading the page's main-thread time (CDP Performance metrics); the
 * returned function gives what was spent since. Steadier than frames for an A/B
 * of the page's own work: it does not depend on what else the machine ran.
 */
export async function mainThreadClock(page: Page): Promise<() => Promise<MainThreadTime>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async (): Promise<MainThreadTime> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
    return {
      tasks: value('TaskDuration'),
      script: value('ScriptDuration'),
      layout: value('LayoutDuration'),
      style: value('RecalcStyleDuration'),
    };
  };
  const before = await read();
  return async () => {
    const after = await read();
    await cdp.detach();
    return {
      tasks: after.tasks - before.tasks,
      script: after.script - before.script,
      layout: after.layout - before.layout,
      style: after.style - before.style,
    };
  };
}

/** A CPU profile of the page while `body` runs (BENCH_APP_PROFILE=<dir> writes it there). */
async function cpuProfiled<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
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

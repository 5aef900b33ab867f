/**
 * The chart's first paint: 50,000 candles handed to the renderer's chart
 * wrapper (lightweight-charts) in Chromium, until the frame that drew them.
 * The wrapper and the library are bundled with Vite (as the app bundles
 * them) into one script. Runs share one page, so the code is warm, as in the
 * app after its first chart (a fresh page per run measures V8's cold start
 * instead, about four times slower here; a forced GC before each run slows it
 * down as much).
 *
 * `npx tsx bench/chart.ts [--quick]` runs it alone; `bench/run.ts` takes `chartBench`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { tempDir } from '../mock-exchange/testing';
import { launchBrowser } from './app/page';
import { listOf, median, round } from './stats';
import type { BenchModule, BenchSettings, Figure } from './types';
import { runIfMain } from './standalone';

const ROOT = path.join(import.meta.dirname, '..');
const CANDLES = 50_000;
/** The page script: the renderer's wrapper driven by a timing harness. */
const PAGE = path.join(ROOT, 'renderer', 'src', 'lib', 'chart', 'testing', 'paintBench.ts');

/** One run as the page reports it: ms in all, creating the chart, handing it the data, the frame. */
interface PaintTiming {
  total: number;
  create: number;
  data: number;
  frame: number;
}

/** Bundles the page script (wrapper + library, production build) into one IIFE script. */
async function bundle(): Promise<string> {
  const { dir: outDir, remove } = tempDir('chart-bench-');
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      plugins: [svelte({ configFile: path.join(ROOT, 'svelte.config.js') })],
      build: {
        outDir,
        emptyOutDir: true,
        lib: {
          entry: PAGE,
          formats: ['iife'],
          name: 'chartBenchPage',
          fileName: () => 'page.js',
        },
      },
    });
    const script = readFileSync(path.join(outDir, 'page.js'), 'utf8');
    // The development build checks every bar's order: the app ships the production one.
    if (script.includes('asc ordered'))
      throw new Error('bundled the development lightweight-charts');
    return script;
  } finally {
    remove();
  }
}

/** `chart_50k_first_paint_ms`: the median over several runs after a warm-up. */
export async function chartFigures(settings: BenchSettings): Promise<Figure[]> {
  settings.log('chart: bundling the wrapper and lightweight-charts');
  const script = await bundle();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent(
      '<!doctype html><body style="margin:0"><div id="chart" style="width:1200px;height:600px"></div></body>',
    );
    await page.addScriptTag({ content: script });
    const paint = (seed: number): Promise<PaintTiming> =>
      page.evaluate(
        ([count, s]) =>
          (
            globalThis as unknown as {
              chartBench: { firstPaint(n: number, seed: number): Promise<PaintTiming> };
            }
          ).chartBench.firstPaint(count, s),
        [CANDLES, seed] as const,
      );
    await paint(0); // warm-up: JIT and fonts
    const runs: PaintTiming[] = [];
    const count = settings.quick ? 3 : 7;
    for (let i = 1; i <= count; i++) {
      const run = await paint(i);
      runs.push(run);
      settings.log(
        `chart: run ${i}/${count}: ${round(run.total)} ms (create ${round(run.create)}, data ${round(run.data)}, frame ${round(run.frame)})`,
      );
    }
    const part = (k: keyof PaintTiming) => round(median(runs.map((r) => r[k])));
    return [
      {
        key: 'chart_50k_first_paint_ms',
        value: part('total'),
        unit: 'ms',
        target: { op: '<=', value: 150 },
        note: `median of ${count} runs (${listOf(runs.map((r) => r.total))}); create ${part('create')}, data ${part('data')}, frame ${part('frame')}`,
      },
    ];
  } finally {
    await browser.close();
  }
}

/** The chart bench as a module of `bench/run.ts`. */
export const chartBench: BenchModule = { name: 'chart', run: chartFigures };

// Standalone: print the figures as JSON.
runIfMain(import.meta.url, chartBench);

/**
 * The page script of the chart bench (bench/chart.ts bundles it for Chromium
 * with lightweight-charts): `window.chartBench.firstPaint(n)` builds a seeded
 * series of `n` candles, then times handing it to a fresh ChartView until the
 * frame that drew it. A bench harness, not product code.
 */
import type { ChartBar } from '../../../../../shared/ipc';
import { seededRandom } from '../../../../../shared/domain';
import { ChartView } from '../chartView.svelte';

const MINUTE = 60_000;

/** A seeded random walk of `count` 1-minute candles ending now-ish (fixed start, so runs match). */
function candles(count: number, seed: number): ChartBar[] {
  const random = seededRandom(seed);
  const bars: ChartBar[] = [];
  let price = 1.08;
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = Math.max(0.5, open + (random() - 0.5) * 0.0008);
    const high = Math.max(open, close) + random() * 0.0003;
    const low = Math.min(open, close) - random() * 0.0003;
    bars.push({
      time: start + i * MINUTE,
      open,
      high,
      low,
      close,
      volume: 1000 + Math.floor(random() * 50_000),
    });
    price = close;
  }
  return bars;
}

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** One run: ms in all, and its parts (creating the chart, handing it the data, the frame). */
interface PaintTiming {
  total: number;
  create: number;
  data: number;
  frame: number;
}

/** Times handing `count` candles to a new chart until the frame that painted them. */
async function firstPaint(count: number, seed = 1): Promise<PaintTiming> {
  const bars = candles(count, seed);
  const host = document.getElementById('chart') as HTMLElement;
  host.replaceChildren();
  await nextFrame();
  const started = performance.now();
  const view = new ChartView(host, { theme: 'dark' });
  const created = performance.now();
  view.setBars(bars);
  const handed = performance.now();
  // The library draws in the animation frame it asked for on setData; a frame asked for
  // after that runs after its drawing.
  await nextFrame();
  const done = performance.now();
  const drawn = host.querySelectorAll('canvas').length;
  view.destroy();
  if (drawn === 0) throw new Error('the chart drew no canvas');
  return {
    total: done - started,
    create: created - started,
    data: handed - created,
    frame: done - handed,
  };
}

(window as unknown as { chartBench: unknown }).chartBench = { firstPaint };

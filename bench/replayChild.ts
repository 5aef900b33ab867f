/**
 * Child process of the replay bench: writes a year of seeded 1-minute
 * EURUSD candles as a plain CSV, starts a replay of it (manual clock), rests
 * user orders on both sides out of the year's range, then plays candles as
 * fast as the exchange goes, and samples memory at points through the year
 * (a jump to each, then a stretch played) to show it stays flat.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startExchange } from '../mock-exchange';
import { tempDir } from '../mock-exchange/testing';
import { plainCsv, seededCandles } from '../mock-exchange/market/replay/testing/candleCsv';

interface Input {
  /** Candles to play for the speed figure. */
  played: number;
  /** Memory samples through the year. */
  samples: number;
  /** Candles played at each sample. */
  perSample: number;
  /** User orders resting. */
  resting: number;
}

/** What the child reports. */
export interface ReplayBenchResult {
  importMs: number;
  candlesPerS: number;
  rssMb: number[];
  heapMb: number[];
  fills: number;
}

const YEAR_MINUTES = 365 * 24 * 60;
const T0 = Date.UTC(2024, 0, 1);

process.once('message', (input: Input) => {
  void measure(input).then((result) => process.send?.(result, () => process.exit(0)));
});

async function measure(input: Input): Promise<ReplayBenchResult> {
  const { dir, remove } = tempDir('replay-bench-');
  try {
    const candles = seededCandles(T0, YEAR_MINUTES, { price: 1.1, decimals: 5, seed: 11 });
    const file = path.join(dir, 'EURUSD.csv');
    fs.writeFileSync(file, plainCsv(candles));
    const high = candles.reduce((m, c) => Math.max(m, c.high), 0);
    const low = candles.reduce((m, c) => Math.min(m, c.low), Infinity);
    candles.length = 0;
    const importStarted = performance.now();
    const ex = await startExchange({ clock: 'manual', rateLimit: false, replay: { file } });
    const importMs = performance.now() - importStarted;
    try {
      for (let i = 0; i < input.resting; i++) {
        const buy = i % 2 === 0;
        const offset = 0.001 + (Math.floor(i / 2) % 500) * 0.00001;
        ex.engine.placeOrder(
          'demo',
          {
            symbol: 'EURUSD',
            side: buy ? 'BUY' : 'SELL',
            type: 'LIMIT',
            price: Number((buy ? low - offset : high + offset).toFixed(5)),
            quantity: 1000,
            timeInForce: 'GTC',
          },
          ex.controls.now(),
        );
      }
      ex.engine.drainExecutions();
      const started = performance.now();
      for (let done = 0; done < input.played; done += 60) ex.controls.advance(60 * 60_000);
      const candlesPerS = input.played / ((performance.now() - started) / 1000);
      const gc = (globalThis as { gc?: () => void }).gc;
      const rssMb: number[] = [];
      const heapMb: number[] = [];
      const replay = ex.controls.replay!;
      for (let s = 1; s <= input.samples; s++) {
        const at = T0 + Math.floor((s / input.samples) * (YEAR_MINUTES - input.perSample)) * 60_000;
        if (at > ex.controls.now())
          replay.control({ action: 'jump', time: new Date(at).toISOString() });
        ex.controls.advance(input.perSample * 60_000);
        gc?.();
        const memory = process.memoryUsage();
        rssMb.push(memory.rss / 2 ** 20);
        heapMb.push(memory.heapUsed / 2 ** 20);
      }
      const fills = ex.engine.workingOrders(['demo']).length;
      return { importMs, candlesPerS, rssMb, heapMb, fills: input.resting - fills };
    } finally {
      await ex.close();
    }
  } finally {
    remove();
  }
}

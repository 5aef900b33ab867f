/**
 * Market replay: `replay_candles_per_s`, 1-minute candles replayed per
 * second on the manual clock (default 250 ms market step, every print and
 * re-quote made) with 1,000 user orders resting; `replay_heap_growth_mb`,
 * heap growth between the first and last of several points through a year
 * of 1-minute candles (jumped to, then played), after a GC; and the import
 * time of that year's CSV. Each run in a fresh child process.
 *
 * `npx tsx bench/replay.ts [--quick]` runs it alone; `bench/run.ts` takes `replayBench`.
 */
import { pathToFileURL } from 'node:url';
import { runChild } from './child';
import type { ReplayBenchResult } from './replayChild';
import { listOf, median, round } from './stats';
import type { BenchModule, BenchSettings, Figure } from './types';

/** The replay bench. */
export const replayBench: BenchModule = {
  name: 'replay',
  async run(settings: BenchSettings): Promise<Figure[]> {
    const runs = settings.quick ? 1 : 3;
    const input = {
      played: settings.quick ? 3_000 : 20_000,
      samples: 6,
      perSample: 600,
      resting: 1_000,
    };
    const results: ReplayBenchResult[] = [];
    for (let r = 0; r < runs; r++) {
      const result = await runChild<ReplayBenchResult>('./replayChild.ts', input, ['--expose-gc']);
      results.push(result);
      settings.log(`replay: run ${r + 1}/${runs}: ${round(result.candlesPerS)} candles/s`);
    }
    const speeds = results.map((r) => r.candlesPerS);
    const growth = results.map((r) => r.heapMb[r.heapMb.length - 1]! - r.heapMb[0]!);
    const rssGrowth = results.map((r) => r.rssMb[r.rssMb.length - 1]! - r.rssMb[0]!);
    return [
      {
        key: 'replay_candles_per_s',
        value: round(median(speeds)),
        unit: 'candles/s',
        target: { op: '>=', value: 1000 },
        note: `runs ${listOf(speeds)}; ${input.played} candles, ${input.resting} orders resting`,
      },
      {
        key: 'replay_heap_growth_mb',
        value: round(median(growth)),
        unit: 'MB',
        target: { op: '<=', value: 5 },
        note: `over a year in ${input.samples} points; rss grew ${listOf(rssGrowth)} MB (the year's candle history)`,
      },
      {
        key: 'replay_import_year_ms',
        value: round(median(results.map((r) => r.importMs))),
        unit: 'ms',
        note: '525,600 candles, plain CSV, parsed and checked',
      },
    ];
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  void replayBench
    .run({ quick, log: (m) => process.stderr.write(`${m}\n`) })
    .then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`));
}

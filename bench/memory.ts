/**
 * `exchange_rss_mb_1m_resting`: RSS of an exchange process holding
 * 1,000,000 resting orders across the default symbols, each run in a fresh
 * child process (so nothing of the other benches is counted).
 */
import { runChild } from './child';
import { listOf, median, round } from './stats';
import type { BenchModule, BenchSettings, Figure } from './types';

interface Result {
  rssMb: number;
  heapMb: number;
  baseRssMb: number;
}

/** The memory bench. */
export const memoryBench: BenchModule = {
  name: 'memory',
  async run(settings: BenchSettings): Promise<Figure[]> {
    const runs = settings.quick ? 1 : 3;
    const results: Result[] = [];
    for (let r = 0; r < runs; r++) {
      results.push(
        await runChild<Result>('./memoryChild.ts', { orders: 1_000_000 }, ['--expose-gc']),
      );
      settings.log(`memory: run ${r + 1}/${runs}: rss ${round(results[r]?.rssMb ?? 0)} MB`);
    }
    const rss = results.map((r) => r.rssMb);
    const heap = median(results.map((r) => r.heapMb));
    const base = median(results.map((r) => r.baseRssMb));
    return [
      {
        key: 'exchange_rss_mb_1m_resting',
        value: round(median(rss)),
        unit: 'MB',
        target: { op: '<=', value: 200 },
        note: `runs ${listOf(rss)}; heap used ${round(heap)} MB; exchange before the orders ${round(base)} MB`,
      },
    ];
  },
};

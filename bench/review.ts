/**
 * The trade review at scale: 100,000 stored fills written as the core writes
 * them, then the core started on that directory and the Review view's first
 * figures asked for through `invoke` as the renderer asks (every fill replayed
 * from SQLite in keyset pages, round trips, statistics, groupings, the first
 * page of trips).
 *
 * - review_100k_ms: median of 5 reviews, each of a query other than the one
 *   before (the core caches the last review: none of these is a cache hit).
 *
 * `npx tsx bench/review.ts` runs it alone and prints its figures as JSON.
 */
import type { CommandInput } from '../shared/ipc';
import type { Core } from '../electron/core/api';
import { tempDir } from '../electron/testing/coreTestkit';
import { median, round } from './stats';
import { coreOnStoredFills } from './storedFills';
import type { BenchModule, BenchSettings, Figure } from './types';
import { runIfMain } from './standalone';

const FILLS = 100_000;

type Query = CommandInput<'reviewRange'>;

/** Consecutive queries differ, so each review is computed afresh. */
const QUERIES: readonly Query[] = [
  { preset: 'all', limit: 200 },
  { preset: 'all', direction: 'LONG', limit: 200 },
  { preset: 'all', limit: 200 },
  { preset: 'all', direction: 'SHORT', limit: 200 },
  { preset: 'all', limit: 200 },
];

async function timed(core: Core, query: Query): Promise<{ ms: number; trips: number }> {
  const started = performance.now();
  const result = await core.invoke('reviewRange', query);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`reviewRange: ${result.error.message}`);
  return { ms, trips: (result.value as { totalTrips: number }).totalTrips };
}

async function reviewFigures({ log }: BenchSettings): Promise<Figure[]> {
  const tmp = tempDir('pd-bench-review-');
  try {
    const core = await coreOnStoredFills(tmp.dir, FILLS, log, 'review');
    try {
      const runs: number[] = [];
      let trips = 0;
      for (const query of QUERIES) {
        const run = await timed(core, query);
        runs.push(run.ms);
        if (query.direction === undefined) trips = run.trips;
      }
      return [
        {
          key: 'review_100k_ms',
          value: round(median(runs)),
          unit: 'ms',
          target: { op: '<=', value: 1000 },
          note: `100k fills, ${trips.toLocaleString('en-US')} round trips; median of ${runs.length}: ${runs.map((r) => round(r)).join(', ')}`,
        },
      ];
    } finally {
      await core.close();
    }
  } finally {
    tmp.remove();
  }
}

export const reviewBench: BenchModule = { name: 'review', run: reviewFigures };

runIfMain(import.meta.url, reviewBench);

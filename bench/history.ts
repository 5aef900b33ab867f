/**
 * History paging at scale: 1,000,000 stored fills (quick: 100,000) written
 * as the core writes them, then the core started on that directory and
 * measured through `invoke` as the renderer calls it:
 *
 * - history_1m_first_page_ms: the Fills tab opening (first page of 200 rows,
 *   newest first, with the row count for the scrollbar);
 * - history_1m_query_ms: the slowest of a set of filters and sorts (each a
 *   first page with its count);
 * - history_1m_count_ms, history_1m_jump_ms: the count alone, and a scrollbar
 *   jump to the middle (no target: context for the two above).
 *
 * `npx tsx bench/history.ts [--quick]` runs it alone and prints its figures as JSON.
 */
import type { CommandInput } from '../shared/ipc';
import type { Core } from '../electron/core/api';
import { tempDir } from '../electron/testing/coreTestkit';
import { median, round } from './stats';
import { coreOnStoredFills, T0 } from './storedFills';
import type { BenchModule, BenchSettings, Figure } from './types';
import { runIfMain } from './standalone';

const PAGE = 200;
const RUNS = 5;

type Query = CommandInput<'queryHistory'>;

const FIRST_PAGE: Query = {
  blotter: 'fills',
  sort: { columnId: 'time', dir: 'desc' },
  limit: PAGE,
  count: true,
};

/** What a user does next: a filter or a sort (each a first page with its count). */
function followUps(rows: number): [string, Query][] {
  const day = Math.floor(rows / 3);
  return [
    ['sort by price', { ...FIRST_PAGE, sort: { columnId: 'price', dir: 'asc' } }],
    ['sort by notional', { ...FIRST_PAGE, sort: { columnId: 'notional', dir: 'desc' } }],
    ['symbol filter', { ...FIRST_PAGE, filter: { symbol: 'BTCUSDT' } }],
    ['side filter', { ...FIRST_PAGE, filter: { side: 'SELL' } }],
    ['time range', { ...FIRST_PAGE, filter: { from: T0 + day / 4, to: T0 + day / 2 } }],
    [
      'symbol filter, sort by qty',
      { ...FIRST_PAGE, filter: { symbol: 'EURUSD' }, sort: { columnId: 'qty', dir: 'asc' } },
    ],
  ];
}

async function timed(core: Core, query: Query): Promise<number> {
  const started = performance.now();
  const result = await core.invoke('queryHistory', query);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`queryHistory: ${result.error.message}`);
  return ms;
}

async function medianOf(core: Core, query: Query): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await timed(core, query));
  return median(runs);
}

async function historyFigures({ quick, log }: BenchSettings): Promise<Figure[]> {
  const rows = quick ? 100_000 : 1_000_000;
  const tmp = tempDir('pd-bench-history-');
  try {
    const core = await coreOnStoredFills(tmp.dir, rows, log, 'history');
    try {
      const cold = await timed(core, FIRST_PAGE);
      const firstPage = await medianOf(core, FIRST_PAGE);
      const queries: string[] = [];
      let slowest = 0;
      for (const [name, query] of followUps(rows)) {
        const ms = await medianOf(core, query);
        queries.push(`${name} ${round(ms)}`);
        slowest = Math.max(slowest, ms);
      }
      const count = await medianOf(core, { ...FIRST_PAGE, limit: 1 });
      const jump = await medianOf(core, { ...FIRST_PAGE, at: Math.floor(rows / 2), count: false });
      const scale = quick ? '100k (quick)' : '1M';
      return [
        {
          key: 'history_1m_first_page_ms',
          value: round(firstPage),
          unit: 'ms',
          target: { op: '<=', value: 100 },
          note: `${scale} fills; median of ${RUNS}, first call ${round(cold)} ms`,
        },
        {
          key: 'history_1m_query_ms',
          value: round(slowest),
          unit: 'ms',
          target: { op: '<=', value: 150 },
          note: `slowest median: ${queries.join(', ')}`,
        },
        { key: 'history_1m_count_ms', value: round(count), unit: 'ms', note: 'count + 1 row' },
        { key: 'history_1m_jump_ms', value: round(jump), unit: 'ms', note: 'page at the middle' },
      ];
    } finally {
      await core.close();
    }
  } finally {
    tmp.remove();
  }
}

export const historyBench: BenchModule = { name: 'history', run: historyFigures };

runIfMain(import.meta.url, historyBench);

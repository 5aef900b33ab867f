/**
 * A history blotter (Orders, Fills) paged from main's database: the grid
 * asks for the rows it shows, pages of PAGE_ROWS are fetched by keyset from a
 * loaded neighbour (or from the end, or at an index after a scrollbar jump),
 * filter and sort run in SQL, and the row count comes with the first page.
 * Live rows from main mark the pages stale: the count and the pages in view
 * are fetched again, at most every LIVE_REFRESH_MS (stale pages out of view
 * are dropped from memory).
 */
import { untrack } from 'svelte';
import { ORDER_STATUSES, SIDES } from '../../../../shared/domain';
import type {
  Api,
  HistoryBlotter,
  HistoryCursor,
  HistoryPage,
  HistoryPageQuery,
  HistoryRowFilter,
} from '../../../../shared/ipc';
import { BlotterBase, type BlotterBaseOptions } from './blotter.svelte';
import type { CsvPiece } from './csvExport.svelte';
import { csvHeader, csvLines, selectionStep, type FilterState } from './grid';
import type { BlotterModel } from './model';

/** Rows per page the grid loads. */
const PAGE_ROWS = 200;
/** Pages kept in memory (the nearest to the view); a far page is fetched again when shown. */
const MAX_PAGES = 40;
/**
 * Least time between two refreshes for live rows (each re-counts the matching
 * rows and repaints the rows in view). The first change after a quiet spell
 * refreshes at once; this paces a burst. At 250 ms, the Order history's
 * repaints made the depth ladder miss frames under the bench's execution
 * stream: 10-18 late ladder repaints in ~170, 5-8 at 500 ms (bench/README.md,
 * fifth session).
 */
export const LIVE_REFRESH_MS = 500;
/** Rows per page of a CSV export (one command's reply, well under a socket frame). */
const EXPORT_PAGE_ROWS = 5000;

/** The contract's filter for a blotter's filter state ("any" fields left out). */
function historyFilter(filter: FilterState): HistoryRowFilter {
  const out: HistoryRowFilter = {};
  if (filter.symbol) out.symbol = filter.symbol;
  const side = SIDES.find((s) => s === filter.side);
  if (side) out.side = side;
  const status = ORDER_STATUSES.find((s) => s === filter.status);
  if (status) out.status = status;
  if (filter.from !== null) out.from = filter.from;
  if (filter.to !== null) out.to = filter.to;
  return out;
}

interface Page<Row> {
  rows: Row[];
  first: HistoryCursor | null;
  last: HistoryCursor | null;
  /** The refresh this page belongs to (an older one is shown until replaced). */
  generation: number;
}

interface HistoryBlotterOptions<Row, K> extends BlotterBaseOptions<Row, K> {
  /** Which history main pages. */
  blotter: HistoryBlotter;
  api: Api;
  /** The rows of a reply for this blotter. */
  rowsOf: (page: HistoryPage) => Row[];
  /** A reactive read that changes whenever main sends new rows of this kind. */
  live: () => unknown;
}

export class HistoryBlotterState<Row, K = unknown>
  extends BlotterBase<Row, K>
  implements BlotterModel<Row, K>
{
  readonly #options: HistoryBlotterOptions<Row, K>;

  /** Rows the filter matches, in all (main's count). */
  count = $state(0);
  /** A query is in flight. */
  loading = $state(false);
  /** Why the last page could not be loaded. */
  error = $state<string | null>(null);
  /** Bumped whenever pages change (what `rowAt` depends on). */
  #version = $state(0);

  // Not reactive: read through `#version`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- published through #version
  readonly #pages = new Map<number, Page<Row>>();
  #generation = 0;
  #queryKey = '';
  #countKnown = false;
  #liveSeen: unknown = undefined;
  #range = { start: 0, end: 0 };
  #pumping = false;
  #dirty = true;
  /** Main sent new rows since the last refresh. */
  #liveDirty = false;
  /** A live refresh ran less than LIVE_REFRESH_MS ago: the next waits for the timer. */
  #cooling = false;
  #failed = false;
  #pendingIndex: number | null = null;

  constructor(options: HistoryBlotterOptions<Row, K>) {
    super(options);
    this.#options = options;
  }

  /** Paged: the matching count is all that is known. */
  get total(): number {
    return this.count;
  }

  /** The row at a shown index, when its page is loaded. */
  rowAt(index: number): Row | undefined {
    void this.#version;
    return this.#pages.get(Math.floor(index / PAGE_ROWS))?.rows[index % PAGE_ROWS];
  }

  /** The grid shows [start, end): loads what is missing; re-runs when sort, filter or live rows change. */
  showRange(start: number, end: number): void {
    const key = JSON.stringify([this.sort, this.filter]);
    const live = this.#options.live();
    untrack(() => {
      if (key !== this.#queryKey) {
        this.#queryKey = key;
        this.#pages.clear();
        this.#countKnown = false;
        this.#dirty = true;
        this.#version += 1;
      } else if (live !== this.#liveSeen) this.#liveDirty = true;
      this.#liveSeen = live;
      this.#range = { start, end };
      this.#failed = false;
      void this.#pump();
    });
  }

  /** Index of the selected row among the loaded rows, or -1. */
  readonly selectedIndex = $derived.by(() => {
    void this.#version;
    const key = this.selectedKey;
    if (key === null) return -1;
    for (const [p, page] of this.#pages) {
      const i = page.rows.findIndex((r) => this.keyOf(r) === key);
      if (i >= 0) return p * PAGE_ROWS + i;
    }
    return -1;
  });

  /** The selected row, when loaded. */
  readonly selected = $derived(
    this.selectedIndex >= 0 ? this.rowAt(this.selectedIndex) : undefined,
  );

  /** Moves the selection by `delta` rows (clamped); a row not loaded yet is selected when it arrives. */
  moveSelection(delta: number): number {
    const to = selectionStep(this.count, this.selectedIndex, delta);
    if (to >= 0) this.selectIndex(to);
    return to;
  }

  /** Selects the row at `index` (now, or once its page is loaded). */
  selectIndex(index: number): void {
    const row = this.rowAt(index);
    this.#pendingIndex = row === undefined ? index : null;
    if (row !== undefined) this.selectedKey = this.keyOf(row);
  }

  /** Exports every row the filter matches, in the order shown, page by page. */
  exportCsv(api: Api): Promise<string> {
    const base = {
      blotter: this.#options.blotter,
      filter: historyFilter(this.filter),
      sort: this.sort ?? this.#options.defaultSort,
      limit: EXPORT_PAGE_ROWS,
    };
    return this.csvExport.run(api, this.csvFileName(), async () => {
      const first = await api.queryHistory({ ...base, count: true });
      if (!first.ok) throw new Error(first.error.message);
      return { total: first.value.total ?? 0, pieces: this.#exportPieces(api, base, first.value) };
    });
  }

  async *#exportPieces(
    api: Api,
    base: HistoryPageQuery,
    firstPage: HistoryPage,
  ): AsyncGenerator<CsvPiece> {
    let page = firstPage;
    let text = csvHeader(this.columns);
    for (;;) {
      const rows = this.#options.rowsOf(page);
      yield { text: text + csvLines(this.columns, rows, this.format), rows: rows.length };
      text = '';
      if (rows.length < EXPORT_PAGE_ROWS || page.last === null) return;
      const next = await api.queryHistory({ ...base, after: page.last });
      if (!next.ok) throw new Error(next.error.message);
      page = next.value;
    }
  }

  /** Loads missing pages one at a time (a page's keyset comes from its loaded neighbour). */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.#failed) {
        const live = this.#liveDirty && !this.#cooling;
        if (this.#dirty || live) {
          this.#dirty = false;
          this.#generation += 1;
          this.#countKnown = false;
          if (live) this.#coolDown();
        }
        const page = this.#nextMissingPage();
        if (page === null) break;
        await this.#load(page);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Live refreshes at most every LIVE_REFRESH_MS: a busy market must not keep main counting. */
  #coolDown(): void {
    this.#liveDirty = false;
    this.#cooling = true;
    setTimeout(() => {
      this.#cooling = false;
      if (this.#liveDirty) void this.#pump();
    }, LIVE_REFRESH_MS);
  }

  #lastPage(): number {
    return Math.max(0, Math.ceil(this.count / PAGE_ROWS) - 1);
  }

  #nextMissingPage(): number | null {
    // The first page carries the count, which every other page's place depends on.
    if (!this.#countKnown) return 0;
    const lastPage = this.#lastPage();
    const { start, end } = this.#range;
    const wanted: number[] = [];
    for (
      let p = Math.floor(start / PAGE_ROWS);
      p <= Math.floor(Math.max(start, end - 1) / PAGE_ROWS);
      p += 1
    )
      wanted.push(p);
    if (this.#pendingIndex !== null) wanted.push(Math.floor(this.#pendingIndex / PAGE_ROWS));
    for (const p of wanted) {
      if (p <= lastPage && this.#pages.get(p)?.generation !== this.#generation) return p;
    }
    return null;
  }

  #queryFor(p: number): HistoryPageQuery {
    const generation = this.#generation;
    const base: HistoryPageQuery = {
      blotter: this.#options.blotter,
      filter: historyFilter(this.filter),
      sort: this.sort ?? this.#options.defaultSort,
      limit: PAGE_ROWS,
      count: !this.#countKnown,
    };
    if (p === 0) return base;
    const before = this.#pages.get(p - 1);
    if (before?.generation === generation && before.last && before.rows.length === PAGE_ROWS)
      return { ...base, after: before.last };
    const after = this.#pages.get(p + 1);
    if (after?.generation === generation && after.first)
      return { ...base, after: after.first, direction: 'backward' };
    // The last page is the rows before the end: no index to skip to.
    if (p === this.#lastPage())
      return { ...base, direction: 'backward', limit: this.count - p * PAGE_ROWS };
    return { ...base, at: p * PAGE_ROWS };
  }

  async #load(p: number): Promise<void> {
    const generation = this.#generation;
    const key = this.#queryKey;
    this.loading = true;
    const result = await this.#options.api.queryHistory(this.#queryFor(p));
    this.loading = false;
    // A newer sort or filter replaced this query: its pages are gone.
    if (key !== this.#queryKey) return;
    if (!result.ok) {
      this.error = result.error.message;
      this.#failed = true;
      return;
    }
    this.error = null;
    const page = result.value;
    if (page.total !== null) {
      this.count = page.total;
      this.#countKnown = true;
      // Pages past the new end are gone; stale ones are replaced as they come into view.
      for (const held of this.#pages.keys()) if (held > this.#lastPage()) this.#pages.delete(held);
    }
    this.#pages.set(p, {
      rows: this.#options.rowsOf(page),
      first: page.first,
      last: page.last,
      generation,
    });
    // Keep memory bounded: stale pages only while in view, and the MAX_PAGES nearest the view.
    for (const [held, kept] of this.#pages)
      if (kept.generation !== generation && !this.#inView(held)) this.#pages.delete(held);
    if (this.#pages.size > MAX_PAGES) {
      const middle = Math.floor(this.#range.start / PAGE_ROWS);
      const far = [...this.#pages.keys()].sort(
        (a, b) => Math.abs(b - middle) - Math.abs(a - middle),
      );
      for (const held of far.slice(0, this.#pages.size - MAX_PAGES)) this.#pages.delete(held);
    }
    this.#version += 1;
    const pending = this.#pendingIndex;
    if (pending !== null && Math.floor(pending / PAGE_ROWS) === p) this.selectIndex(pending);
  }

  #inView(p: number): boolean {
    const { start, end } = this.#range;
    return (
      p >= Math.floor(start / PAGE_ROWS) && p <= Math.floor(Math.max(start, end - 1) / PAGE_ROWS)
    );
  }
}

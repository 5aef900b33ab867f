/** One in-memory blotter's view state: sort, filter, selection, and the rows shown. */
import type { Api } from '../../../../shared/ipc';
import type { Column, FilterKind, FormatContext } from './column';
import { CsvExport } from './csvExport.svelte';
import type { BlotterModel } from './model';
import type { RowDelta } from '../state/row-store.svelte';
import {
  EMPTY_FILTER,
  filterKinds,
  nextSort,
  selectionStep,
  patchSorted,
  rowFilter,
  sortComparator,
  toCsv,
  type FilterState,
  type SortState,
} from './grid';

/** What every blotter is made of, in memory or paged. */
export interface BlotterBaseOptions<Row, K> {
  /** Layout key prefix and CSV file name stem, e.g. "working". */
  id: string;
  /** Accessible name of the grid, e.g. "Working orders". */
  label: string;
  /** The columns, or a reactive read of them when they change (headers naming a setting). */
  columns: readonly Column<Row>[] | (() => readonly Column<Row>[]);
  keyOf: (row: Row) => K;
  defaultSort: SortState;
  format: FormatContext;
  /** The order a row belongs to, when activating a row opens an order's detail. */
  orderIdOf?: ((row: Row) => number) | undefined;
}

interface BlotterOptions<Row, K> extends BlotterBaseOptions<Row, K> {
  /** All rows before filtering (a reactive read). */
  source: () => readonly Row[];
  /** How a source array differs from the one before it, when known (then a change re-sorts only the rows that changed). */
  delta?: (source: readonly Row[]) => RowDelta<Row> | null;
}

/** Sort, filter, selection key and export name: the same whether the rows are in memory or paged. */
export abstract class BlotterBase<Row, K> {
  readonly id: string;
  readonly label: string;
  readonly #columns: () => readonly Column<Row>[];
  readonly keyOf: (row: Row) => K;
  readonly format: FormatContext;
  readonly orderIdOf: ((row: Row) => number) | undefined;
  readonly csvExport = new CsvExport();

  sort = $state.raw<SortState | null>(null);
  filter = $state.raw<FilterState>(EMPTY_FILTER);
  selectedKey = $state.raw<K | null>(null);

  constructor(options: BlotterBaseOptions<Row, K>) {
    this.id = options.id;
    this.label = options.label;
    const { columns } = options;
    this.#columns = typeof columns === 'function' ? columns : () => columns;
    this.keyOf = options.keyOf;
    this.format = options.format;
    this.orderIdOf = options.orderIdOf;
    this.sort = options.defaultSort;
  }

  /** The columns: they drive the grid, sorting, filtering and the CSV export alike. */
  get columns(): readonly Column<Row>[] {
    return this.#columns();
  }

  /** Filter controls this blotter offers (from its columns). */
  get filterKinds(): FilterKind[] {
    return filterKinds(this.columns);
  }

  /** Sorts by a column (asc, then desc). */
  toggleSort(columnId: string): void {
    this.sort = nextSort(this.sort, columnId);
  }

  /** Changes part of the filter. */
  setFilter(patch: Partial<FilterState>): void {
    this.filter = { ...this.filter, ...patch };
  }

  clearFilter(): void {
    this.filter = EMPTY_FILTER;
  }

  /** The default export file name, e.g. "working-2024-05-01-1403.csv". */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off timestamp, not state
  csvFileName(now = new Date()): string {
    const p = (n: number) => String(n).padStart(2, '0');
    const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
    return `${this.id}-${stamp}.csv`;
  }
}

export class BlotterState<Row, K = unknown>
  extends BlotterBase<Row, K>
  implements BlotterModel<Row, K>
{
  readonly #source: () => readonly Row[];
  readonly #delta: (source: readonly Row[]) => RowDelta<Row> | null;
  /** The last rows computed, and from what (not reactive: only read to patch them). */
  #last: {
    source: readonly Row[];
    filter: FilterState;
    sort: SortState | null;
    rows: readonly Row[];
  } | null = null;

  constructor(options: BlotterOptions<Row, K>) {
    super(options);
    this.#source = options.source;
    this.#delta = options.delta ?? (() => null);
  }

  /**
   * Exactly the rows shown, in order. Recomputed only when the source, filter
   * or sort change; when only a few source rows changed, the previous rows are
   * patched (O(n)) rather than sorted again (O(n log n) every frame).
   */
  readonly rows = $derived.by(() => {
    const source = this.#source();
    const { filter, sort, columns } = this;
    const test = rowFilter(columns, filter);
    const cmp = sortComparator(columns, sort);
    const last = this.#last;
    const delta = this.#delta(source);
    let rows: readonly Row[];
    if (
      cmp &&
      last &&
      delta &&
      delta.from === last.source &&
      last.filter === filter &&
      last.sort === sort &&
      delta.after.length * 4 < last.rows.length
    ) {
      // Equal rows keep their source order, as the full (stable) sort keeps them.
      const { sequence } = delta;
      rows = patchSorted(
        last.rows,
        test ? delta.before.filter(test) : delta.before,
        test ? delta.after.filter(test) : delta.after,
        (a, b) => cmp(a, b) || sequence(a) - sequence(b),
      );
    } else {
      const filtered = test ? source.filter(test) : source;
      rows = cmp ? [...filtered].sort(cmp) : filtered;
    }
    this.#last = { source, filter, sort, rows };
    return rows;
  });

  /** Row count before filtering. */
  readonly total = $derived.by(() => this.#source().length);

  /** Rows shown. */
  get count(): number {
    return this.rows.length;
  }

  /** The row at a shown index. */
  rowAt(index: number): Row | undefined {
    return this.rows[index];
  }

  /** Every row is in memory: nothing to load. */
  showRange(): void {}

  /** Index of the selected row among the rows shown, or -1. */
  readonly selectedIndex = $derived.by(() => {
    const key = this.selectedKey;
    if (key === null) return -1;
    return this.rows.findIndex((r) => this.keyOf(r) === key);
  });

  /** The selected row, when it is shown. */
  readonly selected = $derived(this.selectedIndex >= 0 ? this.rows[this.selectedIndex] : undefined);

  /** Moves the selection by `delta` rows (clamped); returns the new index. */
  moveSelection(delta: number): number {
    const to = selectionStep(this.rows.length, this.selectedIndex, delta);
    if (to >= 0) this.selectIndex(to);
    return to;
  }

  /** Selects the row at `index`. */
  selectIndex(index: number): void {
    const row = this.rows[index];
    if (row !== undefined) this.selectedKey = this.keyOf(row);
  }

  /** Lines after the rows in a CSV export (a blotter with totals adds them). */
  protected csvFooter(): string {
    return '';
  }

  /** Exports exactly the rows shown through the streamed export. */
  exportCsv(api: Api): Promise<string> {
    return this.csvExport.run(api, this.csvFileName(), () => {
      const rows = this.rows;
      const text = toCsv(this.columns, rows, this.format) + this.csvFooter();
      return Promise.resolve({
        total: rows.length,
        pieces: [{ text, rows: rows.length }],
      });
    });
  }
}

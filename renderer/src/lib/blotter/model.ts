/**
 * What the grid and the blotter view need of a blotter, whether its rows are
 * all in memory (Working, Positions) or paged from main's database (Orders, Fills).
 */
import type { Api } from '../../../../shared/ipc';
import type { Column, FilterKind, FormatContext } from './column';
import type { CsvExport } from './csvExport.svelte';
import type { FilterState, SortState } from './grid';

export interface BlotterModel<Row, K> {
  /** Layout key prefix and CSV file name stem. */
  readonly id: string;
  /** Accessible name of the grid. */
  readonly label: string;
  readonly columns: readonly Column<Row>[];
  readonly keyOf: (row: Row) => K;
  readonly format: FormatContext;
  readonly orderIdOf: ((row: Row) => number) | undefined;
  readonly filterKinds: FilterKind[];
  sort: SortState | null;
  filter: FilterState;
  selectedKey: K | null;
  /** Rows shown (after the filter). */
  readonly count: number;
  /** Rows before filtering, when known (else the same as `count`). */
  readonly total: number;
  /** The row at a shown index; undefined while its page is loading. */
  rowAt(index: number): Row | undefined;
  /** The grid shows rows [start, end): a paged blotter loads them (a reactive call). */
  showRange(start: number, end: number): void;
  readonly selectedIndex: number;
  readonly selected: Row | undefined;
  /** The streamed CSV export of this blotter (progress, cancel). */
  readonly csvExport: CsvExport;
  toggleSort(columnId: string): void;
  setFilter(patch: Partial<FilterState>): void;
  clearFilter(): void;
  /** Moves the selection by `delta` rows (clamped); returns the new index. */
  moveSelection(delta: number): number;
  selectIndex(index: number): void;
  /** Exports every row the filter matches, in the order shown; resolves to a line for the status bar. */
  exportCsv(api: Api): Promise<string>;
}

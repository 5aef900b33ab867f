/**
 * The Positions blotter's view state: main's position rows joined with main's
 * account figures, columns whose headers follow the account's method and
 * currency, and the totals of the rows shown. The figures come from whichever
 * account state follows them (the account bar's), so both show the same numbers.
 */
import type { AccountFigures, PositionRow } from '../../../../shared/ipc';
import { BlotterState, type BlotterBaseOptions } from './blotter.svelte';
import type { Column } from './column';
import { isEmptyFilter } from './grid';
import {
  positionColumns,
  positionLines,
  positionTotals,
  totalsCsvLine,
  type PositionLine,
  type PositionTotals,
} from './positions';

/** Whatever holds main's latest account figures (the account bar's state). */
export interface FiguresSource {
  readonly figures: AccountFigures | null;
}

const NO_FIGURES: FiguresSource = { figures: null };

/** Where the join's two halves come from. */
class PositionSources {
  source = $state.raw<FiguresSource>(NO_FIGURES);
  // Set once by the constructor, before anything reads the lines.
  #rows: () => readonly PositionRow[] = () => [];
  readonly figures = $derived(this.source.figures);
  // Primitives: the columns are rebuilt when the method or the currency changes, not with
  // every refresh of the figures.
  readonly #method = $derived(this.figures?.settings.method ?? null);
  readonly #currency = $derived(this.figures?.settings.currency ?? null);
  readonly columns = $derived(positionColumns({ method: this.#method, currency: this.#currency }));
  // Not state: only lets an unchanged row keep its line object (and its drawn cells).
  readonly #lines = new WeakMap<PositionRow, PositionLine>();
  readonly lines = $derived(positionLines(this.#rows(), this.figures, this.#lines));

  constructor(rows: () => readonly PositionRow[]) {
    this.#rows = rows;
  }
}

export class PositionsBlotterState extends BlotterState<PositionLine, string> {
  readonly #sources: PositionSources;

  constructor(
    options: Omit<BlotterBaseOptions<PositionLine, string>, 'columns'> & {
      rows: () => readonly PositionRow[];
    },
  ) {
    const sources = new PositionSources(options.rows);
    super({
      ...options,
      columns: (): readonly Column<PositionLine>[] => sources.columns,
      source: () => sources.lines,
    });
    this.#sources = sources;
  }

  /** Takes the account figures from `source` (reactively) from now on. */
  follow(source: FiguresSource): void {
    this.#sources.source = source;
  }

  /** The figures the lines are joined with (null until main's first answer). */
  get figures(): AccountFigures | null {
    return this.#sources.figures;
  }

  /** Totals of the rows shown (after the filter), in the account currency. */
  readonly totals: PositionTotals = $derived(positionTotals(this.rows));

  /** The totals line under the rows, as the grid shows it under its rows. */
  protected override csvFooter(): string {
    if (this.rows.length === 0) return '';
    return totalsCsvLine(
      this.columns,
      this.totals,
      this.figures?.settings.currency ?? null,
      !isEmptyFilter(this.filter),
    );
  }
}

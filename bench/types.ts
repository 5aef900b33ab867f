/**
 * The shape every bench module shares: `run.ts` runs a list of modules and
 * prints their figures, so a later module (e.g. the app bench) only has to
 * return figures of its own.
 */

/** How a figure is judged against its target. */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** One measured figure: its JSON key, value, unit and optional target. */
export interface Figure {
  key: string;
  value: number;
  unit: string;
  target?: Target;
  /** One line of context printed in the table (e.g. the runs behind a median). */
  note?: string;
}

/** Settings every module receives. */
export interface BenchSettings {
  /** `--quick`: fewer operations and runs, under a minute in total. */
  quick: boolean;
  /** Progress lines (stderr), so stdout ends with the JSON line. */
  log(message: string): void;
}

/** A bench module: a name and a function returning its figures. */
export interface BenchModule {
  name: string;
  run(settings: BenchSettings): Promise<Figure[]>;
}

/** Whether a figure meets its target (true when it has none). */
export function meetsTarget(figure: Figure): boolean {
  const t = figure.target;
  if (t === undefined) return true;
  return t.op === '>=' ? figure.value >= t.value : figure.value <= t.value;
}

/**
 * Rows keyed by id: a Map updated in O(changed rows) per batch, and one
 * reactive array rebuilt at most once per animation frame.
 */
import { nextFrame } from './frame';

export class RowStore<K, Row> {
  // Deliberately not reactive: `rows` is published from it at most once per frame.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #byKey = new Map<K, Row>();
  readonly #keyOf: (row: Row) => K;
  readonly #accept: (next: Row, prev: Row) => boolean;
  readonly #schedule: (flush: () => void) => void;
  #scheduled = false;

  /** Every row, newest version; replaced (never mutated) at most once per frame. */
  rows = $state.raw<readonly Row[]>([]);

  constructor(
    keyOf: (row: Row) => K,
    options: {
      /** Whether `next` may replace `prev` (e.g. not an older version). */
      accept?: (next: Row, prev: Row) => boolean;
      schedule?: (flush: () => void) => void;
    } = {},
  ) {
    this.#keyOf = keyOf;
    this.#accept = options.accept ?? (() => true);
    this.#schedule = options.schedule ?? nextFrame;
  }

  /** Number of rows. */
  get size(): number {
    return this.#byKey.size;
  }

  /** The newest version of one row. */
  get(key: K): Row | undefined {
    return this.#byKey.get(key);
  }

  /** Inserts or replaces rows; the array follows on the next frame. */
  upsert(rows: readonly Row[]): void {
    let changed = false;
    for (const row of rows) {
      const key = this.#keyOf(row);
      const prev = this.#byKey.get(key);
      if (prev !== undefined && !this.#accept(row, prev)) continue;
      this.#byKey.set(key, row);
      changed = true;
    }
    if (changed) this.#requestFlush();
  }

  /** Every row now (including changes not yet published to `rows`). */
  current(): Row[] {
    return [...this.#byKey.values()];
  }

  /** Removes rows by key; the array follows on the next frame. */
  remove(keys: Iterable<K>): void {
    let changed = false;
    for (const key of keys) changed = this.#byKey.delete(key) || changed;
    if (changed) this.#requestFlush();
  }

  /** Replaces everything (a snapshot) and publishes at once. */
  reset(rows: readonly Row[]): void {
    this.#byKey.clear();
    for (const row of rows) this.#byKey.set(this.#keyOf(row), row);
    this.flush();
  }

  /** Publishes the Map as the reactive array now. */
  flush(): void {
    this.#scheduled = false;
    this.rows = [...this.#byKey.values()];
  }

  #requestFlush(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => {
      if (this.#scheduled) this.flush();
    });
  }
}

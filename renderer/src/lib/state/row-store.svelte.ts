/**
 * Rows keyed by id: a Map updated in O(changed rows) per batch, and one
 * reactive array published at most once per animation frame, built only
 * when read (a store of 100,000 fills nobody reads as a whole in that frame
 * copies nothing: a copy per frame was most of the page's garbage).
 */
import { nextFrame } from './frame';

/** What changed between two published arrays. */
export interface RowDelta<Row> {
  /** The array published before. */
  from: readonly Row[];
  /** Rows of `from` replaced or removed. */
  before: readonly Row[];
  /** The rows that replaced them, and new rows. */
  after: readonly Row[];
  /** A row's place in the source (insertion order): what a stable sort keeps among equals. */
  sequence: (row: Row) => number;
}

/** The `from` of a delta after a publish whose rows nobody read. */
const UNSEEN: readonly never[] = Object.freeze([]);

export class RowStore<K, Row> {
  // Deliberately not reactive: `rows` is published from it at most once per frame.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #byKey = new Map<K, Row>();
  readonly #keyOf: (row: Row) => K;
  readonly #schedule: (flush: () => void) => void;
  #scheduled = false;
  /** Keys changed since the last publish, with their row at that publish (null: absent). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  #changed: Map<K, Row | null> | null = new Map();
  /** How the current `rows` differ from the array published before them (null: unknown). */
  #delta: RowDelta<Row> | null = null;
  /** At most this many rows are kept: the first inserted are forgotten first (null: no limit). */
  readonly #limit: number | null;
  /** Rows never forgotten, whatever the limit. */
  readonly #keep: ((row: Row) => boolean) | null;
  /** Rows were forgotten since the last publish (its delta is then not given out). */
  #forgot = false;
  /** Rows changed since the last publish and forgotten since: readers still hear of the change. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  #forgottenChanged = new Map<K, Row>();
  /** The current delta leaves out forgotten rows: `delta()` gives null for it. */
  #deltaPartial = false;
  /** Insertion number of each key (the Map's iteration order). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  readonly #sequence = new Map<K, number>();
  #nextSequence = 0;
  readonly #sequenceOf = (row: Row): number => this.#sequence.get(this.#keyOf(row)) ?? -1;

  /** Bumped by each publish: what makes `rows` reactive. */
  #version = $state(0);
  /** The published rows as an array, once read (null: not built since the last publish). */
  #array: readonly Row[] | null = [];

  /** Every row, newest version; a new array (never mutated) after each publish, built when read. */
  get rows(): readonly Row[] {
    void this.#version;
    return (this.#array ??= [...this.#byKey.values()]);
  }

  /**
   * `limit`: keep at most this many rows, forgetting the first inserted first. A row
   * forgotten is not a row removed: `changesSince` never names it as removed (a reader
   * that counts rows keeps it counted, and hears of its last change even when it came
   * and was forgotten before the publish), and `delta` gives null for that publish (a
   * reader keeping a copy of `rows` takes them again). `keep`: rows never forgotten
   * (they still count towards the limit).
   */
  constructor(
    keyOf: (row: Row) => K,
    options: {
      schedule?: (flush: () => void) => void;
      limit?: number;
      keep?: (row: Row) => boolean;
    } = {},
  ) {
    this.#keyOf = keyOf;
    this.#schedule = options.schedule ?? nextFrame;
    this.#limit = options.limit ?? null;
    this.#keep = options.keep ?? null;
  }

  /** How many times the rows were published (reactive): follow the store without its array. */
  get version(): number {
    return this.#version;
  }

  /**
   * The rows the latest publish replaced or removed (`before`) and the new versions and
   * new rows (`after`), when `seen` is the version just before it; null otherwise (a
   * snapshot, or publishes missed): the reader then starts again from `current()`.
   */
  changesSince(seen: number): { before: readonly Row[]; after: readonly Row[] } | null {
    const delta = this.#delta;
    return delta !== null && seen === this.#version - 1
      ? { before: delta.before, after: delta.after }
      : null;
  }

  /** Number of rows. */
  get size(): number {
    return this.#byKey.size;
  }

  /** The newest version of one row. */
  get(key: K): Row | undefined {
    return this.#byKey.get(key);
  }

  /** Inserts or replaces rows as given (the last of one key wins); the array follows on the next frame. */
  upsert(rows: readonly Row[]): void {
    for (const row of rows) {
      const key = this.#keyOf(row);
      const prev = this.#byKey.get(key);
      this.#byKey.set(key, row);
      this.#note(key, prev);
    }
    this.#forget();
    if (rows.length > 0) this.#requestFlush();
  }

  /** Forgets the first inserted rows beyond the limit. */
  #forget(): void {
    if (this.#limit === null) return;
    for (const [key, row] of this.#byKey) {
      if (this.#byKey.size <= this.#limit) break;
      if (this.#keep?.(row)) continue;
      this.#byKey.delete(key);
      this.#sequence.delete(key);
      if (this.#changed?.has(key)) this.#forgottenChanged.set(key, row);
      this.#forgot = true;
    }
  }

  /** Every row now (including changes not yet published to `rows`). */
  current(): Row[] {
    return [...this.#byKey.values()];
  }

  /** Removes rows by key; the array follows on the next frame. */
  remove(keys: Iterable<K>): void {
    let changed = false;
    for (const key of keys) {
      const prev = this.#byKey.get(key);
      if (!this.#byKey.delete(key)) continue;
      this.#note(key, prev);
      changed = true;
    }
    if (changed) this.#requestFlush();
  }

  /**
   * How `rows` differ from the array published before them, when `rows` is
   * the current array and the change is known (a snapshot is not a change).
   */
  delta(rows: readonly Row[]): RowDelta<Row> | null {
    return rows === this.#array && !this.#deltaPartial ? this.#delta : null;
  }

  #note(key: K, prev: Row | undefined): void {
    if (this.#changed && !this.#changed.has(key)) this.#changed.set(key, prev ?? null);
    const present = this.#byKey.has(key);
    if (!present) this.#sequence.delete(key);
    else if (prev === undefined) this.#sequence.set(key, this.#nextSequence++);
  }

  /** Replaces everything (a snapshot) and publishes at once. */
  reset(rows: readonly Row[]): void {
    this.#byKey.clear();
    this.#sequence.clear();
    for (const row of rows) {
      const key = this.#keyOf(row);
      if (!this.#byKey.has(key)) this.#sequence.set(key, this.#nextSequence++);
      this.#byKey.set(key, row);
    }
    this.#changed = null;
    this.#forget();
    this.flush();
  }

  /** Publishes the Map as the reactive array now. */
  flush(): void {
    this.#scheduled = false;
    // An array nobody read was never seen: no reader's rows can be the delta's `from` then.
    const from = this.#array ?? UNSEEN;
    const changed = this.#changed;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
    this.#changed = new Map();
    this.#delta = null;
    this.#deltaPartial = this.#forgot;
    this.#forgot = false;
    const forgotten = this.#forgottenChanged;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
    this.#forgottenChanged = new Map();
    if (changed) {
      const before: Row[] = [];
      const after: Row[] = [];
      for (const [key, prev] of changed) {
        if (prev !== null) before.push(prev);
        const now = this.#byKey.get(key) ?? forgotten.get(key);
        if (now !== undefined) after.push(now);
      }
      this.#delta = { from, before, after, sequence: this.#sequenceOf };
    }
    this.#array = null;
    this.#version += 1;
  }

  #requestFlush(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => {
      if (this.#scheduled) this.flush();
    });
  }
}

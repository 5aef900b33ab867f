import { describe, expect, it } from 'vitest';
import { RowStore } from './row-store.svelte';

/** A store that publishes when told (no frames in these tests). */
function store(limit?: number, keep?: (row: { id: string; v: number }) => boolean) {
  let pending: (() => void) | null = null;
  const rows = new RowStore((row: { id: string; v: number }) => row.id, {
    schedule: (flush) => (pending = flush),
    ...(limit !== undefined && { limit }),
    ...(keep !== undefined && { keep }),
  });
  return { rows, publish: () => pending?.() };
}

/** Rows of these ids, each at version 1. */
const firstVersions = (...ids: string[]) => ids.map((id) => ({ id, v: 1 }));

describe('row store', () => {
  it('publishes a new array only when read, the same one while nothing changes', () => {
    const { rows, publish } = store();
    rows.upsert([{ id: 'a', v: 1 }]);
    publish();
    const first = rows.rows;
    expect(first).toEqual([{ id: 'a', v: 1 }]);
    expect(rows.rows).toBe(first);
    rows.upsert([{ id: 'a', v: 2 }]);
    publish();
    expect(rows.rows).not.toBe(first);
    expect(rows.rows).toEqual([{ id: 'a', v: 2 }]);
  });

  it('tells a reader one publish behind what changed, and a reader further behind nothing', () => {
    const { rows, publish } = store();
    rows.upsert([{ id: 'a', v: 1 }]);
    publish();
    const seen = rows.version;
    rows.upsert([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]);
    publish();
    expect(rows.changesSince(seen)).toEqual({
      before: [{ id: 'a', v: 1 }],
      after: [
        { id: 'a', v: 2 },
        { id: 'b', v: 1 },
      ],
    });
    rows.upsert([{ id: 'c', v: 1 }]);
    publish();
    // Two publishes missed: start again from current().
    expect(rows.changesSince(seen)).toBeNull();
    rows.reset([{ id: 'z', v: 1 }]);
    expect(rows.changesSince(rows.version - 1)).toBeNull();
  });

  it('keeps at most its limit, forgetting the first inserted: not named as removed, no delta for that publish', () => {
    const { rows, publish } = store(3);
    rows.reset(firstVersions('a', 'b'));
    const seen = rows.version;
    const published = rows.rows;
    // b changes, c and d come: a is forgotten (the first inserted), b keeps its place.
    rows.upsert([
      { id: 'b', v: 2 },
      { id: 'c', v: 1 },
      { id: 'd', v: 1 },
    ]);
    publish();
    expect(rows.rows.map((r) => r.id)).toEqual(['b', 'c', 'd']);
    expect(rows.size).toBe(3);
    // A reader counting rows hears of the change and the new rows, not of a removal.
    expect(rows.changesSince(seen)).toEqual({
      before: [{ id: 'b', v: 1 }],
      after: [
        { id: 'b', v: 2 },
        { id: 'c', v: 1 },
        { id: 'd', v: 1 },
      ],
    });
    // A reader keeping a copy of the rows takes them again.
    expect(rows.delta(rows.rows)).toBeNull();
    expect(published.map((r) => r.id)).toEqual(['a', 'b']);
    // Rows inserted and forgotten before a publish are still news to a reader counting rows.
    const next = rows.version;
    rows.upsert(firstVersions('e', 'f', 'g', 'h'));
    publish();
    expect(rows.rows.map((r) => r.id)).toEqual(['f', 'g', 'h']);
    expect(rows.changesSince(next)?.after.map((r) => r.id)).toEqual(['e', 'f', 'g', 'h']);
    expect(rows.changesSince(next)?.before).toEqual([]);
    // Without forgetting, the delta is given out again.
    rows.upsert([{ id: 'h', v: 2 }]);
    publish();
    expect(rows.delta(rows.rows)?.after).toEqual([{ id: 'h', v: 2 }]);
  });

  it('keeps at most its limit of a snapshot too', () => {
    const { rows } = store(2);
    rows.reset(firstVersions('a', 'b', 'c'));
    expect(rows.rows.map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('never forgets the rows it is told to keep', () => {
    const { rows, publish } = store(2, (row) => row.v === 0);
    rows.upsert([{ id: 'kept', v: 0 }, ...firstVersions('a', 'b', 'c')]);
    publish();
    expect(rows.rows.map((r) => r.id)).toEqual(['kept', 'c']);
  });
});

import { describe, expect, it } from 'vitest';
import { RowStore } from './row-store.svelte';

/** A store that publishes when told (no frames in these tests). */
function store() {
  let pending: (() => void) | null = null;
  const rows = new RowStore((row: { id: string; v: number }) => row.id, {
    schedule: (flush) => (pending = flush),
  });
  return { rows, publish: () => pending?.() };
}

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
});

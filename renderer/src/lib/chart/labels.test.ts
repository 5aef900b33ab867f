import { describe, expect, it } from 'vitest';
import { labelsThatFit } from './labels';

describe('price-axis labels that fit', () => {
  it('keeps a label only a label height away from those kept before it, the important lines first', () => {
    const kept = labelsThatFit(
      [
        { id: 'order-a', y: 100, rank: 2 },
        { id: 'order-b', y: 104, rank: 2 },
        { id: 'position', y: 110, rank: 0 },
        { id: 'order-c', y: 140, rank: 2 },
        { id: 'order-d', y: 158, rank: 2 },
      ],
      18,
    );
    expect([...kept].sort()).toEqual(['order-c', 'order-d', 'position']);
  });

  it('keeps none for lines off the plot, and every label when they are far apart', () => {
    expect(labelsThatFit([{ id: 'far', y: null, rank: 0 }], 18).size).toBe(0);
    const spread = [0, 20, 40, 60].map((y, i) => ({ id: `l${i}`, y, rank: 1 }));
    expect(labelsThatFit(spread, 18).size).toBe(4);
  });

  it('shows at most one label in a crowd of forty orders within a few pixels', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => ({
      id: `o${i}`,
      y: 200 + i * 0.3,
      rank: 2,
    }));
    expect([...labelsThatFit(crowd, 18)]).toEqual(['o0']);
  });
});

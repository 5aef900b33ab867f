import { describe, expect, it } from 'vitest';
import { labelsThatFit } from './labels';

describe('price-axis labels that fit', () => {
  it('stacks a few labels in one place, the important lines first, and no more', () => {
    const kept = labelsThatFit(
      [
        { id: 'order-a', y: 100, rank: 2 },
        { id: 'order-b', y: 104, rank: 2 },
        { id: 'position', y: 110, rank: 0 },
        { id: 'order-c', y: 112, rank: 2 },
        { id: 'order-d', y: 114, rank: 2 },
        { id: 'far', y: 300, rank: 2 },
      ],
      18,
      3,
    );
    expect([...kept].sort()).toEqual(['far', 'order-a', 'order-b', 'position']);
  });

  it('keeps none for lines off the plot, and every label when they are far apart', () => {
    expect(labelsThatFit([{ id: 'far', y: null, rank: 0 }], 18).size).toBe(0);
    const spread = [0, 80, 160, 240, 320].map((y, i) => ({ id: `l${i}`, y, rank: 1 }));
    expect(labelsThatFit(spread, 18, 2).size).toBe(5);
  });

  it('shows four labels of a crowd of forty orders within a few pixels: a stack that fits the plot', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => ({
      id: `o${i}`,
      y: 200 + i * 0.3,
      rank: 2,
    }));
    expect([...labelsThatFit(crowd, 18)]).toEqual(['o0', 'o1', 'o2', 'o3']);
  });
});

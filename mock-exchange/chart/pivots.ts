/**
 * Pivot levels of a period from its high, low and close (docs/protocol.md for
 * classic; the usual fibonacci and camarilla formulas for the others).
 */
import type { ChartPivotType } from '../../shared/protocol';

/** The seven levels as numbers. */
export interface PivotNumbers {
  PP: number;
  S1: number;
  S2: number;
  S3: number;
  R1: number;
  R2: number;
  R3: number;
}

/** Levels of one type from a period's high, low and close. */
export function pivotLevels(
  type: ChartPivotType,
  high: number,
  low: number,
  close: number,
): PivotNumbers {
  const pp = (high + low + close) / 3;
  const range = high - low;
  switch (type) {
    case 'classic':
      return {
        PP: pp,
        R1: 2 * pp - low,
        S1: 2 * pp - high,
        R2: pp + range,
        S2: pp - range,
        R3: high + 2 * (pp - low),
        S3: low - 2 * (high - pp),
      };
    case 'fibonacci':
      return {
        PP: pp,
        R1: pp + 0.382 * range,
        S1: pp - 0.382 * range,
        R2: pp + 0.618 * range,
        S2: pp - 0.618 * range,
        R3: pp + range,
        S3: pp - range,
      };
    case 'camarilla':
      // Camarilla levels hang off the close, at 1.1/12, 1.1/6 and 1.1/4 of the range.
      return {
        PP: pp,
        R1: close + (range * 1.1) / 12,
        S1: close - (range * 1.1) / 12,
        R2: close + (range * 1.1) / 6,
        S2: close - (range * 1.1) / 6,
        R3: close + (range * 1.1) / 4,
        S3: close - (range * 1.1) / 4,
      };
  }
}

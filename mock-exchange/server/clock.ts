/**
 * The exchange's clock. `manual` time moves only through `advance`; `real`
 * time is the wall clock plus whatever `advance` added. This file is the only
 * place the exchange reads the wall clock.
 */

/** Which clock drives the exchange. */
export type ClockKind = 'real' | 'manual';

/** Epoch-ms time source of the exchange. */
export interface ExchangeClock {
  readonly kind: ClockKind;
  /** Current exchange time, epoch ms. */
  now(): number;
  /** Moves exchange time forward by `ms`. */
  advance(ms: number): void;
}

/** A clock that moves only when told to, starting at `startTime`. */
export function createManualClock(startTime: number): ExchangeClock {
  let time = startTime;
  return {
    kind: 'manual',
    now: () => time,
    advance: (ms) => {
      time += Math.max(0, ms);
    },
  };
}

/** The wall clock, shifted by every `advance` so tests can still jump ahead. */
export function createRealClock(): ExchangeClock {
  let offset = 0;
  return {
    kind: 'real',
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += Math.max(0, ms);
    },
  };
}

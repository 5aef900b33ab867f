/** Helpers shared by the engine's tests (not part of the engine). */
import type { NewOrderSinglePayload, Result } from '../../shared/protocol';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import type { EngineOptions, ExecutionEvent } from '../engine/api';
import { MatchingEngine } from '../engine/engine';

/** 2024-01-01T00:00:00Z, the tests' starting clock. */
export const T0 = Date.UTC(2024, 0, 1);

/** An engine on the default instruments with EURUSD last price 1.085. */
export function makeEngine(options: Partial<EngineOptions> = {}): MatchingEngine {
  const e = new MatchingEngine({ instruments: DEFAULT_INSTRUMENTS, ...options });
  e.seedLastPrice('EURUSD', 1.085);
  return e;
}

/** A EURUSD order payload with defaults (LIMIT, 1000). */
export function eur(
  p: Partial<NewOrderSinglePayload> & Pick<NewOrderSinglePayload, 'side'>,
): NewOrderSinglePayload {
  return { symbol: 'EURUSD', type: 'LIMIT', quantity: 1000, ...p };
}

/** The value of a successful result (throws on failure, naming the error). */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.error}`);
  return r.value;
}

/** The error code of a failed result (throws on success). */
export function codeOf<T>(r: Result<T>): number {
  if (r.ok) throw new Error('expected an error');
  return r.error.code;
}

/** Executions of one order from a drained list. */
export function execsOf(events: ExecutionEvent[], orderId: number): ExecutionEvent['payload'][] {
  return events.filter((e) => e.payload.orderId === orderId).map((e) => e.payload);
}

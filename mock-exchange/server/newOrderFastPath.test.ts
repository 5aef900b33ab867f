import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_TYPES, TIME_IN_FORCE } from '../../shared/domain';
import { RequestPayloads } from '../../shared/protocol';
import { fastNewOrderSingle } from './newOrderFastPath';
import { ROUTES, schemaError } from './routes';

const schema = RequestPayloads.newordersingle;

/** Values near each field's edges, of the right type and of the wrong ones. */
const anyValue = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e-9, 1.08, 1000, 1e308, -1e308, 5e-324, Number.NaN, Infinity),
  fc.constantFrom('', 'EURUSD', 'BUY', 'SELL', 'LIMIT', 'GTC', 'TPI', 'a'.repeat(33), 'ü'),
  fc.constantFrom('2030-01-01T00:00:00.000Z', '2030-01-01', 'not a time', 'abc-_09', 'a b'),
  fc.constantFrom(null, true, false, undefined, [], {}, [1], { price: 1 }),
  fc.double(),
  fc.string({ maxLength: 70 }),
  fc.integer(),
);

/** A field's value: mostly a valid one (so whole payloads often pass), else anything. */
const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, anyValue);

const payloads = fc.record(
  {
    symbol: field(fc.constantFrom('EURUSD', 'X', 'S'.repeat(32), 'S'.repeat(33))),
    side: field(fc.constantFrom('BUY', 'SELL')),
    type: field(fc.constantFrom(...ORDER_TYPES)),
    price: field(fc.double({ min: 1e-6, max: 1e6, noNaN: true })),
    stopPrice: field(fc.double({ min: 1e-6, max: 1e6, noNaN: true })),
    quantity: field(fc.constantFrom(1, 1000, 0.5, 1e9)),
    clientOrderId: field(
      fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        fc.constantFrom('c'.repeat(36), 'c'.repeat(37), 'a.b', 'a\n'),
      ),
    ),
    timeInForce: field(fc.constantFrom(...TIME_IN_FORCE)),
    timeInForceDate: field(fc.constantFrom('2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00Z')),
    login: field(
      fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('l'.repeat(64), 'l'.repeat(65))),
    ),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

/** What the route decides for a payload: the parsed payload, or the error reply's code and text. */
function decision(payload: unknown): unknown {
  const bound = ROUTES.newordersingle(payload);
  return bound.ok ? 'accepted' : bound.error;
}

describe('the newordersingle fast path', () => {
  it('accepts only what the schema accepts, with the same output', () => {
    fc.assert(
      fc.property(fc.oneof(payloads, anyValue), (payload) => {
        const fast = fastNewOrderSingle(payload);
        const parsed = schema.safeParse(payload);
        if (fast !== null) {
          expect(parsed.success).toBe(true);
          expect(fast).toStrictEqual(parsed.data);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves the route with the schema decisions and error codes on random payloads', () => {
    fc.assert(
      fc.property(fc.oneof(payloads, anyValue), (payload) => {
        const parsed = schema.safeParse(payload);
        const expected = parsed.success ? 'accepted' : schemaError(parsed.error);
        expect(decision(payload)).toStrictEqual(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the common order without the schema', () => {
    const order = { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', price: 1.08, quantity: 1000 };
    expect(fastNewOrderSingle({ ...order, unknownKey: 1 })).toStrictEqual(order);
    expect(fastNewOrderSingle({ ...order, timeInForceDate: '2030-01-01T00:00:00Z' })).toBeNull();
    expect(fastNewOrderSingle({ ...order, price: 0 })).toBeNull();
  });
});

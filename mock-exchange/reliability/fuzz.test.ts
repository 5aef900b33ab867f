/**
 * Fuzzing the exchange over a real socket: random and malformed frames
 * (fast-check) get exactly one reply each, in order, with the right requestId
 * and never an internal error; frames the transport must refuse close the
 * socket cleanly; the process keeps serving, another session keeps trading,
 * and the heap comes back near its baseline. CI: a few thousand frames;
 * SOAK=1: a million.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorMessage } from '../../shared/protocol';
import { startExchange, type ExchangeHandle } from '../index';
import { heapAfterGc, scale, SOAK, soakFigures, until } from './util';
import { errorOf, payloadOf, WsClient, type Msg, type WireOrder } from './wsClient';

const MAX_FRAME = 64 * 1024;
const KNOWN_CODES = new Set([
  1000, 1001, 1002, 1003, 1004, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 3000, 3001,
]);
const EVENTS = [
  'newordersingle',
  'modifyordersingle',
  'neworderoco',
  'orders',
  'orderstatus',
  'ordercancel',
  'symbols',
  'subscribe',
  'unsubscribe',
];

// ------------------------------------------------------------------ generators

const nastyNumber = fc.constantFrom(
  1e308,
  -1e308,
  -0,
  0,
  5e-324,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  -1,
  0.1 + 0.2,
  1.085,
  1.08501,
  1000,
  1500,
  64000,
);
const nastyString = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x10',
  '',
  ' ',
  '\u0000',
  'null',
  '__proto__',
  'constructor',
  'EURUSD',
  'BTCUSDT',
  'BUY',
  'SELL',
  'LIMIT',
  'MARKET',
  'STOP',
  'STOP_LIMIT',
  'GTC',
  'GTT',
  'IOC',
  'FOK',
  'AON',
  'DAY',
  '2020-01-01T00:00:00.000Z',
  '2099-01-01T00:00:00.000Z',
  'demo',
  'other',
  '\ud83d\ude00'.repeat(20),
);
const scalar = fc.oneof(
  nastyNumber,
  nastyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.boolean(),
  fc.constant(null),
);
const anyValue = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
);
const FIELDS = [
  'symbol',
  'side',
  'type',
  'price',
  'stopPrice',
  'quantity',
  'clientOrderId',
  'timeInForce',
  'timeInForceDate',
  'login',
  'orderId',
  'fromTime',
  'symbols',
  'lifeTime',
  'orders',
  'extra',
] as const;
const payloadObject = fc.record(
  Object.fromEntries(FIELDS.map((f) => [f, anyValue])) as Record<
    (typeof FIELDS)[number],
    typeof anyValue
  >,
  { requiredKeys: [] },
);
/** Nearly valid payloads: a plausible order or order reference with one field broken or removed. */
const plausible = fc.record(
  {
    symbol: fc.constantFrom('EURUSD', 'EURUSD', 'BTCUSDT', 'NOPE'),
    side: fc.constantFrom('BUY', 'SELL'),
    type: fc.constantFrom('LIMIT', 'LIMIT', 'MARKET', 'STOP', 'STOP_LIMIT'),
    price: fc.constantFrom(1.08, 1.085, 1.09, 1.08, 1.085, 1.09, 1.085001, 0),
    stopPrice: fc.constantFrom(1.07, 1.1, 1.0800001),
    quantity: fc.constantFrom(1000, 2000, 1500, 0.001, 0),
    timeInForce: fc.constantFrom('GTC', 'IOC', 'FOK', 'AON', 'DAY', 'GTT'),
    clientOrderId: fc.constantFrom('fz-a', 'fz-b', 'fz-c'),
    orderId: fc.integer({ min: 1, max: 60 }),
  },
  { requiredKeys: ['symbol', 'side', 'type', 'quantity', 'orderId', 'price', 'stopPrice'] },
);
const nearlyValid = fc
  .tuple(plausible, fc.constantFrom(...FIELDS), anyValue, fc.nat(3))
  .map(([p, field, value, mode]) => {
    const out: Record<string, unknown> = { ...p };
    if (p.type === 'MARKET' || p.type === 'STOP') delete out.price;
    if (p.type === 'MARKET' || p.type === 'LIMIT') delete out.stopPrice;
    if (p.timeInForce === 'GTT') out.timeInForceDate = '2099-01-01T00:00:00.000Z';
    if (mode === 1) out[field] = value;
    if (mode === 2) delete out[field];
    return out;
  });
const legs = fc.array(payloadObject, { maxLength: 3 }).map((orders) => ({ orders }));
const requestId = fc.oneof(
  { weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 64 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.string({ minLength: 65, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const frameObject = fc.record(
  {
    event: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...EVENTS) },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'toString', 'hasOwnProperty', 'error') },
      { weight: 1, arbitrary: anyValue },
    ),
    requestId,
    payload: fc.oneof(
      { weight: 4, arbitrary: payloadObject },
      { weight: 12, arbitrary: nearlyValid },
      { weight: 1, arbitrary: payloadObject.chain((p) => legs.map((l) => ({ ...p, ...l }))) },
      { weight: 1, arbitrary: anyValue },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    junk: anyValue,
  },
  { requiredKeys: ['event', 'requestId', 'payload'] },
);

/** One fuzz frame: text (valid UTF-8) or binary. */
type Frame = { text: string } | { binary: Buffer };

const deep = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);
const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 20, arbitrary: frameObject.map((o) => ({ text: JSON.stringify(o) })) },
  {
    weight: 2,
    arbitrary: fc.tuple(frameObject, fc.nat()).map(([o, cut]) => {
      const text = JSON.stringify(o);
      return { text: text.slice(0, cut % (text.length + 1)) };
    }),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 30_000 }).map((depth) => ({
      text: `{"event":"newordersingle","requestId":"deep","payload":{"symbol":${deep(depth, '1')}}}`,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 30_000 }).map((depth) => ({
      text: `{"event":"symbols","requestId":"deep2","payload":${deep(depth, '')}}`,
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '{"event":"orders","requestId":1e400}',
        '{"event":"orders","requestId":-0}',
        '{"event":"orderstatus","requestId":"n","payload":{"orderId":1e400}}',
        '{"event":"newordersingle","requestId":"h","payload":{"symbol":"EURUSD","side":"BUY","type":"LIMIT","price":1e308,"quantity":1e308}}',
        '{"event":"newordersingle","requestId":"d","payload":{"symbol":"EURUSD","side":"BUY","type":"LIMIT","price":-0,"quantity":-0}}',
        '{"__proto__":{"event":"symbols"},"requestId":"p"}',
        '{"event":"symbols","requestId":"dup","requestId":"dup2"}',
        '{"event":"orders","requestId":"bom"}\ufeff',
      )
      .map((text) => ({ text })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: MAX_FRAME - 100, max: MAX_FRAME + 5000 }).map((size) => ({
      text: `{"event":"symbols","requestId":"big","pad":"${'x'.repeat(size)}"}`,
    })),
  },
  {
    weight: 2,
    arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ binary: Buffer.from(bytes) })),
  },
);

// ------------------------------------------------------------------ the oracle

function isPrintableId(v: unknown): boolean {
  return (
    (typeof v === 'string' && /^[\x20-\x7e]{1,64}$/.test(v)) ||
    (typeof v === 'number' && Number.isFinite(v))
  );
}

/** What docs/protocol.md says the reply to `f` must look like. */
function expectation(f: Frame): { requestId: unknown; codes?: number[]; event?: string } {
  if ('binary' in f) return { requestId: null, codes: [1000] };
  if (Buffer.byteLength(f.text) > MAX_FRAME) return { requestId: null, codes: [1003] };
  let value: unknown;
  try {
    value = JSON.parse(f.text);
  } catch {
    return { requestId: null, codes: [1000] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { requestId: null, codes: [1000] };
  }
  const rec = value as Record<string, unknown>;
  if (!isPrintableId(rec.requestId)) return { requestId: null, codes: [1002] };
  if (typeof rec.event !== 'string') return { requestId: rec.requestId, codes: [1002] };
  if (!EVENTS.includes(rec.event)) return { requestId: rec.requestId, codes: [1001] };
  return { requestId: rec.requestId, event: rec.event };
}

function checkReply(f: Frame, reply: Msg): void {
  const want = expectation(f);
  const shown = 'binary' in f ? `<binary ${f.binary.length}>` : f.text.slice(0, 300);
  expect(
    reply.requestId === want.requestId,
    `requestId of ${shown}: ${JSON.stringify(reply)}`,
  ).toBe(true);
  if (reply.event === 'error') {
    expect(ErrorMessage.safeParse(reply).success, JSON.stringify(reply)).toBe(true);
    const { code } = errorOf(reply);
    expect(KNOWN_CODES.has(code), `code ${code} for ${shown}: ${JSON.stringify(reply)}`).toBe(true);
    if (want.codes) expect(want.codes, `${shown} -> ${JSON.stringify(reply)}`).toContain(code);
  } else {
    expect(want.event, `success for ${shown}: ${JSON.stringify(reply)}`).toBe(reply.event);
  }
}

// ------------------------------------------------------------------ the runs

/** Reply kinds seen (error code or success event), to prove the fuzzer reaches every layer. */
const outcomes = new Map<string, number>();
let ex: ExchangeHandle;
const open: WsClient[] = [];

beforeAll(async () => {
  ex = await startExchange({
    clock: 'manual',
    rateLimit: false,
    seed: 7,
    accounts: [
      { login: 'demo', token: 'demo' },
      { login: 'trader', token: 'trader' },
    ],
  });
  ex.controls.advance(1_000);
});

afterAll(async () => {
  for (const c of open) c.terminate();
  await ex?.close();
});

async function connect(token = 'demo'): Promise<WsClient> {
  const c = await WsClient.connect(ex.url, token);
  open.push(c);
  return c;
}

/** Sends `frames` pipelined and checks each reply, in order. */
async function fire(c: WsClient, frames: readonly Frame[]): Promise<void> {
  const from = c.replies.length;
  for (const f of frames) {
    if ('binary' in f) c.sendRaw(f.binary, true);
    else c.sendRaw(f.text);
  }
  await c.waitUntil(
    () => c.replies.length >= from + frames.length || !c.open,
    30_000,
    `${frames.length} replies`,
  );
  expect(c.open, 'fuzz session stays open').toBe(true);
  expect(c.garbage).toEqual([]);
  frames.forEach((f, i) => {
    const reply = c.replies[from + i] as Msg;
    checkReply(f, reply);
    const key = reply.event === 'error' ? String(errorOf(reply).code) : reply.event;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  });
  // never more replies than frames
  expect(c.replies.length).toBe(from + frames.length);
}

/** A session that keeps trading until stopped; every reply must be a success. */
function trader(c: WsClient): { stop: () => Promise<number> } {
  let running = true;
  let rounds = 0;
  const loop = (async () => {
    while (running) {
      const placed = payloadOf<{ orderId: number; status: string }>(
        await c.request('newordersingle', {
          symbol: 'EURUSD',
          side: 'BUY',
          type: 'LIMIT',
          price: 1.0,
          quantity: 1000,
        }),
      );
      expect(placed.status).toBe('NEW');
      payloadOf(await c.request('ordercancel', { orderId: placed.orderId }));
      const market = payloadOf<{ status: string }>(
        await c.request('newordersingle', {
          symbol: 'EURUSD',
          side: rounds % 2 ? 'BUY' : 'SELL',
          type: 'MARKET',
          quantity: 1000,
        }),
      );
      expect(['FILLED', 'EXPIRED']).toContain(market.status);
      rounds += 1;
      if (rounds % 20 === 0) ex.controls.advance(250); // the maker refills its ladder
    }
  })();
  loop.catch(() => undefined); // surfaced by stop()
  return {
    stop: async () => {
      running = false;
      await loop;
      return rounds;
    },
  };
}

describe('fuzz over a real socket', () => {
  it(
    `random and malformed frames: one reply each, no crash, heap back near baseline (${scale(3_000, 1_000_000)} frames)`,
    async () => {
      const total = scale(3_000, 1_000_000);
      const chunk = 250;
      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
      const fuzzer = await connect();
      const traderSession = await connect('trader');
      // warm up (JIT, zod caches), then take the baseline
      await fire(fuzzer, fc.sample(frame, { numRuns: 200, seed: seed ^ 0x5a5a }));
      const baseline = heapAfterGc();
      const t = trader(traderSession);
      let sent = 0;
      for (let i = 0; sent < total; i++) {
        const n = Math.min(chunk, total - sent);
        const frames = fc.sample(frame, { numRuns: n, seed: seed + i });
        try {
          await fire(fuzzer, frames);
        } catch (err) {
          throw new Error(`FUZZ_SEED=${seed} chunk ${i}: ${(err as Error).message}`, {
            cause: err,
          });
        }
        sent += n;
        if (SOAK && i % 400 === 0) fuzzer.replies.length = fuzzer.messages.length = 0;
      }
      const rounds = await t.stop();
      if (process.env.FUZZ_DEBUG) console.log(Object.fromEntries(outcomes));
      for (const kind of [
        ...['1000', '1001', '1002', '1003', '2000', '2003', '2004', '2005'],
        ...['orders', 'symbols'],
      ]) {
        expect(outcomes.get(kind) ?? 0, `fuzz reached ${kind}`).toBeGreaterThan(0);
      }
      expect(rounds, 'the other session kept trading').toBeGreaterThan(0);
      expect(traderSession.open).toBe(true);
      // the fuzz session still works normally
      expect(payloadOf<unknown[]>(await fuzzer.request('symbols')).length).toBeGreaterThan(0);
      fuzzer.replies.length = fuzzer.messages.length = fuzzer.executions.length = 0;
      traderSession.messages.length = traderSession.replies.length = 0;
      traderSession.executions.length = 0;
      const growth = heapAfterGc() - baseline;
      expect(growth, `heap growth ${(growth / 1e6).toFixed(1)} MB`).toBeLessThan(
        (SOAK ? 64 : 32) * 1024 * 1024,
      );
      // Every frame answered, both sessions open and serving (asserted above): no crash.
      soakFigures('fuzz', { frames: total, crashes: 0, heapGrowthMb: growth / 1e6 });
    },
    SOAK ? 1_800_000 : 30_000,
  );

  it('frames the transport refuses close cleanly; the exchange keeps serving', async () => {
    const before = ex.controls.sessions();
    // invalid UTF-8 in a text frame: close 1007
    const a = await connect();
    a.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    expect((await a.closed).code).toBe(1007);
    // a frame above the transport's hard cap: close 1009 (no reply owed)
    const b = await connect();
    b.sendRaw(`{"event":"symbols","requestId":"huge","pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    expect((await b.closed).code).toBe(1009);
    // a lone surrogate is valid JSON text once encoded, so it is answered
    const c = await connect();
    const r = await c.request('orderstatus', { orderId: 1, clientOrderId: '\ud800' });
    expect(errorOf(r).code).toBe(1002);
    await c.close();
    await until(() => ex.controls.sessions() === before, 5_000, 'sessions back');
    expect(ex.controls.sessions()).toBe(before);
    const d = await connect();
    expect(payloadOf<WireOrder[]>(await d.request('orders'))).toBeInstanceOf(Array);
    await d.close();
  });
});

describe('flood', () => {
  let limited: ExchangeHandle;
  afterAll(async () => limited?.close());

  it(
    'a flood past the rate limit: every frame answered in order, 3001 past the burst, session kept',
    async () => {
      limited = await startExchange({ clock: 'manual', rateLimit: { perSecond: 100, burst: 500 } });
      const c = await WsClient.connect(limited.url, 'demo');
      const n = scale(3_000, 50_000);
      // Sent in chunks the client reads the replies of: one burst of 50,000 would leave the
      // server more unsent replies than it keeps for a client that is not reading (it then
      // closes the session, as it should: README, slow consumers).
      const chunk = 2_500;
      for (let sent = 0; sent < n; sent += chunk) {
        const upTo = Math.min(n, sent + chunk);
        for (let i = sent; i < upTo; i++) c.sendRaw(`{"event":"orders","requestId":${i}}`);
        await c.waitUntil(() => c.replies.length >= upTo || !c.open, 30_000, `${upTo} replies`);
        expect(c.open, `session open after ${upTo} frames`).toBe(true);
      }
      expect(c.replies.map((r) => r.requestId)).toEqual(Array.from({ length: n }, (_, i) => i));
      const limitedCount = c.replies.filter((r) => r.event === 'error').length;
      expect(limitedCount).toBe(n - 500);
      expect(c.replies.slice(500).every((r) => errorOf(r).code === 3001)).toBe(true);
      limited.controls.advance(1_000);
      expect(payloadOf<unknown[]>(await c.request('orders'))).toEqual([]);
      expect(c.open).toBe(true);
      await c.close();
    },
    scale(40_000, 120_000),
  );
});

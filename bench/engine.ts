/**
 * Part 1: the matching engine in process against nodejs-order-book on the
 * same seeded stream (stream.ts). Runs alternate ours / peer so both see the
 * same machine noise; after every run the two final books must agree level
 * by level.
 */
import { OrderBook, Side } from 'nodejs-order-book';
import { MatchingEngine } from '../mock-exchange/engine';
import type { Engine } from '../mock-exchange/engine/api';
import { ExecutionDrain } from '../mock-exchange/server/delivery';
import type { ModifyOrderPayload, NewOrderSinglePayload } from '../shared/protocol';
import { listOf, median, medianFigure, ratioFigure, round } from './stats';
import {
  BOTH_LOGINS,
  OpKind,
  STREAM_INSTRUMENT,
  generateStream,
  limitPayload,
  marketPayload,
  priceOf,
  type OrderStream,
} from './stream';
import type { BenchModule, BenchSettings, Figure } from './types';

/** Resting depth as [priceTicks, lots] pairs, best first. */
interface Depth {
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
}

/** The stream's arguments, built before the clock starts (identical work for both books). */
export interface Prepared {
  stream: OrderStream;
  ours: Array<NewOrderSinglePayload | ModifyOrderPayload | { orderId: number }>;
  logins: string[];
  peer: unknown[];
}

export function prepare(stream: OrderStream): Prepared {
  const ours: Prepared['ours'] = [];
  const logins: string[] = [];
  const peer: unknown[] = [];
  let order = 1;
  for (let i = 0; i < stream.length; i++) {
    const isBuy = stream.isBuy[i] === 1;
    const ticks = stream.ticks[i] as number;
    const lots = stream.lots[i] as number;
    const target = stream.target[i] as number;
    logins.push(isBuy ? 'b' : 's');
    const side = isBuy ? Side.BUY : Side.SELL;
    switch (stream.kind[i]) {
      case OpKind.Limit:
        ours.push(limitPayload(isBuy, ticks, lots));
        peer.push({ id: String(order++), side, size: lots, price: ticks });
        break;
      case OpKind.Market:
        ours.push(marketPayload(isBuy, lots));
        peer.push({ side, size: lots });
        order++;
        break;
      case OpKind.Cancel:
        ours.push({ orderId: target });
        peer.push(String(target));
        break;
      default:
        ours.push({ orderId: target, price: priceOf(ticks) });
        peer.push({ id: String(target), update: { price: ticks } });
    }
  }
  return { stream, ours, logins, peer };
}

/**
 * Replays ops [from, to) through our engine as the server would: a command,
 * then the server's drain (`ExecutionDrain`, over `Engine.drainEach`) with no
 * session holding the stream's logins and no journal, so no execution is
 * written out, as on the server for logins nobody holds; then the trades.
 * The drain's `watch` tells the engine so, as the server does: the
 * executions are bare rows (orderId and login, what a journal would need),
 * without a copy of the order, and with no journal the drain skips them.
 */
function replayOurs(p: Prepared, engine: Engine, from: number, to: number): void {
  const { kind } = p.stream;
  const ours = p.ours;
  const drain = new ExecutionDrain(new Set());
  drain.watch(engine);
  let now = 1;
  for (let i = from; i < to; i++) {
    now++;
    const k = kind[i];
    if (k === OpKind.Limit || k === OpKind.Market) {
      engine.placeOrder(p.logins[i] as string, ours[i] as NewOrderSinglePayload, now);
    } else if (k === OpKind.Cancel) {
      engine.cancelOrder(BOTH_LOGINS, ours[i] as { orderId: number }, now);
    } else {
      engine.modifyOrder(BOTH_LOGINS, ours[i] as ModifyOrderPayload, now);
    }
    drain.run(engine, null);
    engine.drainTrades();
  }
}

/** Replays ops [from, to) through nodejs-order-book. */
function replayPeer(p: Prepared, book: OrderBook, from: number, to: number): void {
  const { kind } = p.stream;
  const peer = p.peer;
  for (let i = from; i < to; i++) {
    const k = kind[i];
    const a = peer[i];
    if (k === OpKind.Limit) book.limit(a as Parameters<OrderBook['limit']>[0]);
    else if (k === OpKind.Market) book.market(a as Parameters<OrderBook['market']>[0]);
    else if (k === OpKind.Cancel) book.cancel(a as string);
    else {
      const m = a as { id: string; update: { price: number } };
      book.modify(m.id, m.update);
    }
  }
}

function depthOurs(engine: Engine): Depth {
  const snap = engine.book(STREAM_INSTRUMENT.symbol, Number.MAX_SAFE_INTEGER);
  const conv = (l: [number, number]): [number, number] => [
    Math.round(l[0] / STREAM_INSTRUMENT.tickSize),
    Math.round(l[1] / STREAM_INSTRUMENT.stepSize),
  ];
  return { bids: snap.bids.map(conv), asks: snap.asks.map(conv) };
}

function depthPeer(book: OrderBook): Depth {
  const [asks, bids] = book.depth();
  return {
    bids: [...bids].sort((a, b) => b[0] - a[0]),
    asks: [...asks].sort((a, b) => a[0] - b[0]),
  };
}

/** Throws unless both books rest the same lots at the same prices. */
function assertSameBooks(a: Depth, b: Depth): { levels: number; lots: number } {
  let lots = 0;
  for (const side of ['bids', 'asks'] as const) {
    const x = a[side];
    const y = b[side];
    if (x.length !== y.length) {
      throw new Error(`books differ: ${side} ${x.length} levels vs peer ${y.length}`);
    }
    for (let i = 0; i < x.length; i++) {
      const [p, q] = x[i] as [number, number];
      const [pp, qq] = y[i] as [number, number];
      if (p !== pp || q !== qq) {
        throw new Error(`books differ at ${side}[${i}]: ${p}x${q} vs peer ${pp}x${qq}`);
      }
      lots += q;
    }
  }
  return { levels: a.bids.length + a.asks.length, lots };
}

function newEngine(): MatchingEngine {
  // Final orders are forgotten, as the peer forgets them (and the exchange does for its maker).
  return new MatchingEngine({ instruments: [STREAM_INSTRUMENT], retainFinal: () => false });
}

/** One timed run: ops/s by the wall clock and by CPU time of the process, and the final depth. */
export interface Run {
  opsPerSec: number;
  /**
   * Ops per second of CPU time (user + system) over the same loop: on a
   * shared machine it moves far less than the wall clock with the load of
   * other processes, though it still counts this process's GC threads.
   */
  cpuOpsPerSec: number;
  depth: Depth;
}

/** Times `loop` (ops [from, to)) by the wall clock and by process CPU time. */
function timed(ops: number, loop: () => void): { opsPerSec: number; cpuOpsPerSec: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  loop();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { opsPerSec: (ops / ms) * 1000, cpuOpsPerSec: ops / ((cpu.user + cpu.system) / 1e6) };
}

/** One timed run of ours. */
export function runOurs(p: Prepared, to: number): Run {
  const engine = newEngine();
  replayOurs(p, engine, 0, p.stream.seedCount);
  const t = timed(to - p.stream.seedCount, () => replayOurs(p, engine, p.stream.seedCount, to));
  return { ...t, depth: depthOurs(engine) };
}

/** One timed run of the peer. */
function runPeer(p: Prepared, to: number): Run {
  const book = new OrderBook();
  replayPeer(p, book, 0, p.stream.seedCount);
  const t = timed(to - p.stream.seedCount, () => replayPeer(p, book, p.stream.seedCount, to));
  return { ...t, depth: depthPeer(book) };
}

/** Part 1 as a bench module. */
export const engineBench: BenchModule = {
  name: 'engine',
  async run(settings: BenchSettings): Promise<Figure[]> {
    const ops = settings.quick ? 200_000 : 1_000_000;
    const runs = 3;
    settings.log(`engine: generating the seeded stream of ${ops.toLocaleString('en-US')} ops`);
    const p = prepare(generateStream(ops));
    const end = p.stream.length;
    const warm = Math.min(end, p.stream.seedCount + 100_000);
    runOurs(p, warm);
    runPeer(p, warm);
    const ours: number[] = [];
    const peer: number[] = [];
    const oursCpu: number[] = [];
    const peerCpu: number[] = [];
    let checked = { levels: 0, lots: 0 };
    for (let r = 0; r < runs; r++) {
      const a = runOurs(p, end);
      const b = runPeer(p, end);
      checked = assertSameBooks(a.depth, b.depth);
      ours.push(a.opsPerSec);
      peer.push(b.opsPerSec);
      oursCpu.push(a.cpuOpsPerSec);
      peerCpu.push(b.cpuOpsPerSec);
      settings.log(
        `engine: run ${r + 1}/${runs}: ours ${round(a.opsPerSec)} ops/s, peer ${round(b.opsPerSec)} ops/s`,
      );
    }
    await Promise.resolve();
    const oursMedian = median(ours);
    const peerMedian = median(peer);
    const books = `books agree: ${checked.levels} levels, ${checked.lots} lots`;
    return [
      medianFigure('engine_ops_s', 'ops/s', ours, `${ops.toLocaleString('en-US')} ops`),
      {
        key: 'peer_ops_s',
        value: round(peerMedian),
        unit: 'ops/s',
        note: `runs ${listOf(peer)}; ${books}`,
      },
      {
        ...ratioFigure('engine_vs_peer', oursMedian / peerMedian, { op: '>=', value: 25 }),
        note: `executions drained as the server drains them (ExecutionDrain: no session holds the logins, no journal; executions of unheld logins are journal-only bare rows, orderId and login, not even visited with no journal as here; a held login would cost the copy of the order per execution); wall clock; by CPU time ${round(median(oursCpu) / median(peerCpu))} x (ours ${round(median(oursCpu))}, peer ${round(median(peerCpu))} ops per CPU-second)`,
      },
    ];
  },
};

/**
 * The mock exchange as a library: `startExchange(options)` binds a
 * WebSocket server speaking docs/protocol.md over a matching engine and a seeded
 * market simulator, and returns a handle with test controls.
 */
import type { Result } from '../shared/protocol';
import { ChartServer, ChartService, newErrorId } from './chart';
import { MatchingEngine } from './engine';
import type { Engine } from './engine/api';
import { MarketSimulator, isInternalLogin } from './market';
import {
  ExchangeServer,
  MarketDriver,
  OrderJournal,
  allLogins,
  createManualClock,
  createRealClock,
  resolveOptions,
  type ExchangeOptions,
  type FaultControls,
} from './server';
import { topOfBook } from './server/quotes';

export type { ExchangeOptions, FaultControls };
export type { AccountConfig, ClockKind, RateLimit } from './server';
export type { Engine } from './engine/api';
export type { MarketSettings } from './market';

/** Test and demo controls of a running exchange. */
export interface ExchangeControls {
  /** Current exchange time, epoch ms. */
  now(): number;
  /** Moves time forward by `ms`: the market steps tick by tick, orders expire, executions and quotes go out. */
  advance(ms: number): void;
  /** Jumps a symbol's reference price: the maker re-quotes through resting orders and a trade prints near it. */
  setReferencePrice(symbol: string, price: number): Result<void>;
  /** Current reference price of a symbol (null without a simulated market). */
  referencePrice(symbol: string): number | null;
  /** Stops the random walk and the noise trades. */
  pauseMarket(): void;
  /** Restarts the random walk and the noise trades. */
  resumeMarket(): void;
  /** Fault injection. */
  faults: FaultControls;
  /** Number of open sessions. */
  sessions(): number;
}

/** A running exchange. */
export interface ExchangeHandle {
  /** e.g. ws://127.0.0.1:41234 */
  url: string;
  port: number;
  /** The Chart API, e.g. http://127.0.0.1:41235 (its ticker at /ws); null when `chartApi: false`. */
  chartUrl: string | null;
  /** Every login of the configured accounts (never the tokens). */
  logins: string[];
  /** The engine (read it in tests; send orders over the socket). */
  engine: Engine;
  controls: ExchangeControls;
  /** Stops timers, closes sessions with 1001, stops listening and flushes persistence. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a mock exchange; rejects on invalid options or when the port cannot be bound. */
export async function startExchange(options?: ExchangeOptions): Promise<ExchangeHandle> {
  const resolved = resolveOptions(options);
  if (!resolved.ok) throw new Error(resolved.error.error);
  const o = resolved.value;
  const clock = o.clock === 'manual' ? createManualClock(o.startTime) : createRealClock();
  const journal =
    o.dataDir === null
      ? null
      : OrderJournal.open(o.dataDir, { writer: o.journalWriter, log: o.log });
  const isUserLogin = (login: string): boolean => !isInternalLogin(login);
  try {
    const restored = journal?.restored();
    const engine = new MatchingEngine({
      instruments: o.instruments,
      dayRolloverUtcMinutes: o.dayRolloverUtcMinutes,
      firstOrderId: restored?.nextOrderId ?? 1,
      retainFinal: isUserLogin,
    });
    if (restored && restored.orders.length > 0) engine.importOrders(restored.orders);
    journal?.compact(engine.exportOrders(isUserLogin), engine.nextOrderId);
    // History is built (or loaded) before the market opens, so it ends where the live tape starts.
    const chart = o.chartApi
      ? new ChartService({
          instruments: o.instruments,
          referencePrices: o.referencePrices,
          seed: o.seed,
          market: o.market,
          tickMs: o.tickMs,
          now: () => clock.now(),
          quote: (symbol) => topOfBook(engine, symbol),
          errorId: newErrorId,
          dataDir: o.dataDir,
          log: o.log,
        })
      : null;
    let chartServer: ChartServer | null = null;
    let server: ExchangeServer;
    try {
      if (chart)
        chartServer = await ChartServer.start(chart, {
          host: o.host,
          port: o.chartPort,
          log: o.log,
        });
      server = await ExchangeServer.start(
        {
          engine,
          clock,
          instruments: o.instruments,
          journal,
          onTrades: chart ? (trades) => chart.addTrades(trades) : undefined,
        },
        {
          host: o.host,
          port: o.port,
          accounts: o.accounts,
          maxFrameBytes: o.maxFrameBytes,
          maxBufferedBytes: o.maxBufferedBytes,
          rateLimit: o.rateLimit,
          heartbeatMs: o.heartbeatMs,
          cancelOnDisconnect: o.cancelOnDisconnect,
          revision: o.revision,
          admission: o.admission,
          log: o.log,
        },
      );
    } catch (error) {
      await chartServer?.close();
      chart?.close();
      throw error;
    }
    const market = new MarketSimulator(engine, {
      instruments: o.instruments,
      referencePrices: o.referencePrices,
      seed: o.seed,
      settings: o.market,
    });
    const output = {
      flush: () => server.flush(),
      advanceTime: (now: number) => server.advanceTime(now),
      canChange: () => server.canChange(),
      publishQuotes: () => {
        server.publishQuotes();
        chart?.publish();
      },
    };
    const driver = new MarketDriver(engine, market, clock, output, o.tickMs, o.log);
    driver.start();
    let closing: Promise<void> | null = null;
    const close = async (): Promise<void> => {
      driver.stop();
      await server.close();
      server.flush();
      await chartServer?.close();
      chart?.close();
      if (journal) {
        journal.compact(engine.exportOrders(isUserLogin), engine.nextOrderId);
        journal.close();
      }
    };
    return {
      url: `ws://${urlHost(o.host)}:${server.port}`,
      port: server.port,
      chartUrl: chartServer ? `http://${urlHost(o.host)}:${chartServer.port}` : null,
      logins: allLogins(o.accounts),
      engine,
      controls: {
        now: () => clock.now(),
        advance: (ms) => driver.advance(ms),
        setReferencePrice: (symbol, price) => driver.setReferencePrice(symbol, price),
        referencePrice: (symbol) => market.referencePrice(symbol),
        pauseMarket: () => driver.pause(),
        resumeMarket: () => driver.resume(),
        faults: server.faultControls(),
        sessions: () => server.sessionCount(),
      },
      close: () => (closing ??= close()),
    };
  } catch (error) {
    journal?.close();
    throw error;
  }
}

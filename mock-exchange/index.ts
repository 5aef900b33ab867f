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
  MARKET_SAVE_EVERY_MS,
  loadMarketState,
  resumedPrices,
  saveMarketState,
} from './market/marketState';
import {
  ReplayMarket,
  importReplayFile,
  replayStartTime,
  startReplay,
  type ReplayControls,
  type ReplayData,
  type ReplayRuntime,
} from './market/replay';
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
export type { ReplayControls } from './market/replay';

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
  /** The market replay's controls (play, pause, step, speed, jump); null without `replay`. */
  replay: ReplayControls | null;
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
  let replayData: ReplayData | null = null;
  if (o.replay) {
    const imported = importReplayFile(o.replay.file, {
      dataDir: o.dataDir,
      instruments: o.instruments,
      symbol: o.replay.symbol,
    });
    if (!imported.ok) throw new Error(imported.error);
    replayData = imported.value;
  }
  // With --data the paper market carries on from its last prices and (manual clock) time.
  const savedMarket = o.dataDir === null || o.replay ? null : loadMarketState(o.dataDir);
  const referencePrices = resumedPrices(o.referencePrices, savedMarket);
  const manualStart = Math.max(o.startTime, savedMarket?.time ?? 0);
  // A replay runs on its own time from the file (the player paces it on the wall clock); only its instrument trades.
  const instruments = replayData ? [replayData.instrument] : o.instruments;
  const clock = replayData
    ? createManualClock(replayStartTime(replayData, o.dataDir))
    : o.clock === 'manual'
      ? createManualClock(manualStart)
      : createRealClock();
  const journal =
    o.dataDir === null
      ? null
      : OrderJournal.open(o.dataDir, { writer: o.journalWriter, log: o.log });
  const isUserLogin = (login: string): boolean => !isInternalLogin(login);
  try {
    const restored = journal?.restored();
    const engine = new MatchingEngine({
      instruments,
      dayRolloverUtcMinutes: o.dayRolloverUtcMinutes,
      firstOrderId: Math.max(restored?.nextOrderId ?? 1, o.firstOrderId),
      retainFinal: isUserLogin,
    });
    if (restored && restored.orders.length > 0) engine.importOrders(restored.orders);
    journal?.compact(engine.exportOrders(isUserLogin), engine.nextOrderId);
    // History is built (or loaded) before the market opens, so it ends where the live tape starts.
    const chart = o.chartApi
      ? new ChartService({
          instruments,
          // A replay's history is the file's passed candles only, never made-up or saved ones.
          referencePrices: replayData ? {} : referencePrices,
          seed: o.seed,
          market: o.market,
          tickMs: o.tickMs,
          now: () => clock.now(),
          quote: (symbol) => topOfBook(engine, symbol),
          errorId: newErrorId,
          dataDir: replayData ? null : o.dataDir,
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
          instruments,
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
    const market = replayData
      ? new ReplayMarket(engine, {
          instrument: replayData.instrument,
          candles: replayData.candles,
          settings: o.market,
          startAt: clock.now(),
        })
      : new MarketSimulator(engine, {
          instruments: o.instruments,
          referencePrices,
          seed: o.seed,
          settings: o.market,
        });
    const saveMarket = (): void => {
      if (o.dataDir === null || !(market instanceof MarketSimulator)) return;
      const prices: Record<string, number> = {};
      for (const symbol of market.marketSymbols()) prices[symbol] = market.referencePrice(symbol)!;
      try {
        saveMarketState(o.dataDir, { time: clock.now(), prices });
      } catch (error) {
        o.log(`market: state not saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    let marketSavedAt = clock.now();
    const output = {
      flush: () => server.flush(),
      advanceTime: (now: number) => server.advanceTime(now),
      canChange: () => server.canChange(),
      publishQuotes: () => {
        server.publishQuotes();
        chart?.publish();
        if (clock.now() - marketSavedAt >= MARKET_SAVE_EVERY_MS) {
          marketSavedAt = clock.now();
          saveMarket();
        }
      },
    };
    const driver = new MarketDriver(engine, market, clock, output, o.tickMs, o.log);
    driver.start();
    const replay: ReplayRuntime | null =
      replayData && market instanceof ReplayMarket
        ? startReplay({
            data: replayData,
            market,
            driver,
            now: () => clock.now(),
            chart: chart?.store ?? null,
            speed: o.replay?.speed ?? 1,
            autoplay: o.clock === 'real',
            dataDir: o.dataDir,
            log: o.log,
          })
        : null;
    let closing: Promise<void> | null = null;
    const close = async (): Promise<void> => {
      replay?.stop();
      driver.stop();
      saveMarket();
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
        replay: replay && { status: () => replay.status(), control: (a) => replay.control(a) },
      },
      close: () => (closing ??= close()),
    };
  } catch (error) {
    journal?.close();
    throw error;
  }
}

/** Options of `startExchange`, their defaults and their validation (errors as values). */
import {
  DEFAULT_INSTRUMENTS,
  DEFAULT_REFERENCE_PRICES,
  type Instrument,
} from '../../shared/domain';
import { ErrorCode, ReplaySpeed, fail, ok, type Result } from '../../shared/protocol';
import { Revision } from '../../shared/protocol/revisions';
import type { MarketSettings } from '../market/params';
import type { AccountConfig, AccountIndex } from './accounts';
import { resolveAdmission, type AdmissionLimits, type AdmissionOptions } from './admission';
import type { JournalWriter } from './journal';
import type { ClockKind } from './clock';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rateLimiter';
import { revisionAccounts } from './revisions/accounts';

/** Options of the exchange; every field is optional. */
export interface ExchangeOptions extends AdmissionOptions {
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** TCP port; 0 picks a free one (default 0). */
  port?: number;
  /** Seed of the market simulator (default 1). */
  seed?: number;
  /** Tokens and their logins (default demo:demo). */
  accounts?: readonly AccountConfig[];
  /** Tradable instruments (default DEFAULT_INSTRUMENTS). */
  instruments?: readonly Instrument[];
  /** Opening reference price per symbol (default DEFAULT_REFERENCE_PRICES); symbols without one get no market maker. */
  referencePrices?: Readonly<Record<string, number>>;
  /** 'real' (default) ticks on a timer; 'manual' moves only through controls.advance. */
  clock?: ClockKind;
  /** Start of a manual clock, epoch ms or ISO string (default 2026-01-05T09:00:00Z). */
  startTime?: number | string;
  /** Market step, ms (default 250). */
  tickMs?: number;
  /** Directory of the order journal; without it nothing is persisted. */
  dataDir?: string;
  /**
   * The first orderId when no journal holds a later one (default 1). The CLI
   * without `--data` passes its start time in ms, so a restart never hands out
   * an id it gave before (a client's history would take two orders for one).
   */
  firstOrderId?: number;
  /** How the journal writes (tests inject failing disks; default node:fs). */
  journalWriter?: JournalWriter;
  /** Largest request frame in bytes (default 64 KiB); larger ones answer 1003. */
  maxFrameBytes?: number;
  /** A session with more unsent bytes than this is closed with 1013 (default 4 MiB). */
  maxBufferedBytes?: number;
  /** Per-session token bucket (default 500/s, burst 1000); false turns it off. */
  rateLimit?: RateLimit | false;
  /** Ping interval; a peer that missed a pong is dropped (default 5000). */
  heartbeatMs?: number;
  /** Cancel a login's working orders when its last session closes (default false). */
  cancelOnDisconnect?: boolean;
  /** Minutes after 00:00 UTC of the daily rollover that expires DAY orders (default 0). */
  dayRolloverUtcMinutes?: number;
  /** Overrides of the simulated market's shape. */
  market?: Partial<MarketSettings>;
  /** Log sink (default silent). */
  log?: (message: string) => void;
  /** Protocol revision of the order socket: extended (default), first or current. */
  revision?: Revision;
  /** Serve the Chart API (candles, symbols, pivots, ticker) on its own port (default true). */
  chartApi?: boolean;
  /** TCP port of the Chart API; 0 picks a free one (default 0). */
  chartPort?: number;
  /** Replay a CSV of 1-minute candles instead of the simulated market (mock-exchange/market/replay). */
  replay?: ReplayOptions;
}

/** A market replay: the file, its speed, and the instrument when the file name does not say. */
export interface ReplayOptions {
  file: string;
  /** Times real time, 1-500 (default 1). */
  speed?: number;
  symbol?: string;
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  host: string;
  port: number;
  seed: number;
  accounts: AccountIndex;
  instruments: readonly Instrument[];
  referencePrices: Readonly<Record<string, number>>;
  clock: ClockKind;
  startTime: number;
  tickMs: number;
  dataDir: string | null;
  firstOrderId: number;
  journalWriter: JournalWriter | undefined;
  /** Connection caps, handshake timeout, allowed browser Origins. */
  admission: AdmissionLimits;
  maxFrameBytes: number;
  maxBufferedBytes: number;
  rateLimit: RateLimit | false;
  heartbeatMs: number;
  cancelOnDisconnect: boolean;
  dayRolloverUtcMinutes: number;
  market: Partial<MarketSettings>;
  log: (message: string) => void;
  revision: Revision;
  chartApi: boolean;
  chartPort: number;
  replay: (Required<Pick<ReplayOptions, 'file' | 'speed'>> & Pick<ReplayOptions, 'symbol'>) | null;
}

/** Default start of a manual clock: a Monday morning. */
export const DEFAULT_START_TIME = Date.parse('2026-01-05T09:00:00.000Z');

const invalid = (message: string): Result<never> => fail(ErrorCode.INVALID_FIELD, message);
const isPositive = (n: number): boolean => Number.isFinite(n) && n > 0;

/** Applies defaults and checks every option. */
export function resolveOptions(options: ExchangeOptions = {}): Result<ResolvedOptions> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return invalid(`port must be 0-65535, got ${port}.`);
  const chartPort = options.chartPort ?? 0;
  if (!Number.isInteger(chartPort) || chartPort < 0 || chartPort > 65535)
    return invalid(`chartPort must be 0-65535, got ${chartPort}.`);
  const startTime =
    typeof options.startTime === 'string'
      ? Date.parse(options.startTime)
      : (options.startTime ?? DEFAULT_START_TIME);
  if (!Number.isFinite(startTime))
    return invalid('startTime must be epoch ms or an ISO-8601 instant.');
  const tickMs = options.tickMs ?? 250;
  const maxFrameBytes = options.maxFrameBytes ?? 64 * 1024;
  const maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const positives = { tickMs, maxFrameBytes, maxBufferedBytes, heartbeatMs };
  for (const [name, value] of Object.entries(positives)) {
    if (!isPositive(value)) return invalid(`${name} must be a positive number.`);
  }
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (rateLimit !== false && (!isPositive(rateLimit.perSecond) || !isPositive(rateLimit.burst))) {
    return invalid('rateLimit needs a positive perSecond and burst.');
  }
  const instruments = options.instruments ?? DEFAULT_INSTRUMENTS;
  if (instruments.length === 0) return invalid('instruments must not be empty.');
  const revision = Revision.safeParse(options.revision ?? 'extended');
  if (!revision.success) return invalid('revision must be extended, first or current.');
  const accounts = revisionAccounts(revision.data, options.accounts);
  if (!accounts.ok) return accounts;
  const rollover = options.dayRolloverUtcMinutes ?? 0;
  if (!Number.isInteger(rollover) || rollover < 0 || rollover >= 24 * 60) {
    return invalid('dayRolloverUtcMinutes must be an integer in 0-1439.');
  }
  const replaySpeed = options.replay?.speed ?? 1;
  if (!ReplaySpeed.safeParse(replaySpeed).success) return invalid('replay speed must be 1 to 500.');
  const firstOrderId = options.firstOrderId ?? 1;
  if (!Number.isSafeInteger(firstOrderId) || firstOrderId < 1)
    return invalid('firstOrderId must be a positive integer.');
  const admission = resolveAdmission(options);
  if (!admission.ok) return invalid(admission.error);
  return ok({
    host: options.host ?? '127.0.0.1',
    port,
    seed: options.seed ?? 1,
    accounts: accounts.value,
    instruments,
    referencePrices: options.referencePrices ?? DEFAULT_REFERENCE_PRICES,
    clock: options.clock ?? 'real',
    startTime,
    tickMs,
    dataDir: options.dataDir ?? null,
    firstOrderId,
    journalWriter: options.journalWriter,
    admission: admission.value,
    maxFrameBytes,
    maxBufferedBytes,
    rateLimit,
    heartbeatMs,
    cancelOnDisconnect: options.cancelOnDisconnect ?? false,
    dayRolloverUtcMinutes: rollover,
    market: options.market ?? {},
    log: options.log ?? (() => undefined),
    revision: revision.data,
    chartApi: options.chartApi ?? true,
    chartPort,
    replay: options.replay ? { ...options.replay, speed: replaySpeed } : null,
  });
}

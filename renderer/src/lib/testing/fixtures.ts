/** Rows and snapshots for tests. */
import {
  DEFAULT_SETTINGS,
  disconnectedStatus,
  type ConnectionStatus,
  type FillRow,
  type OrderRow,
  type Profile,
  type Quote,
  type SessionFeatures,
  type Snapshot,
} from '../../../../shared/ipc';
import {
  DEFAULT_INSTRUMENTS,
  DEFAULT_REFERENCE_PRICES,
  priceToTicks,
  ticksToPrice,
} from '../../../../shared/domain';

/** An order row with defaults (EURUSD BUY LIMIT 1000 @ 1.085, NEW). */
export function order(patch: Partial<OrderRow>): OrderRow {
  return {
    orderId: 1,
    clientOrderId: 'c1',
    login: 'L1',
    symbol: 'EURUSD',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    expiresAt: null,
    price: 1.085,
    stopPrice: null,
    origQty: 1000,
    executedQty: 0,
    leavesQty: 1000,
    avgPrice: null,
    cumQuote: 0,
    status: 'NEW',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ocoOrderId: null,
    triggered: false,
    lastReason: null,
    ...patch,
  };
}

/** A fill row with defaults (order 81, EURUSD BUY 2000 @ 1.08, trade 1). */
export function fill(patch: Partial<FillRow>): FillRow {
  return {
    fillId: '81:1',
    orderId: 81,
    clientOrderId: 'c81',
    login: 'demo',
    symbol: 'EURUSD',
    side: 'BUY',
    price: 1.08,
    qty: 2000,
    time: 1_700_000_000_000,
    tradeId: 1,
    ...patch,
  };
}

/** The core's built-in paper profile. */
export const PAPER_PROFILE: Profile = {
  id: 'paper',
  name: 'Paper (offline)',
  kind: 'paper',
  url: '',
  login: null,
  hasToken: true,
  revision: 'extended',
  chartUrl: null,
  instruments: [],
};

/** A user's remote profile with a stored token. */
export const REMOTE_PROFILE: Profile = {
  id: 'demo-live',
  name: 'Demo broker',
  kind: 'remote',
  url: 'wss://demo.example.com/ws',
  login: 'DEMO-1',
  hasToken: true,
  revision: 'auto',
  chartUrl: null,
  instruments: [],
};

/** Connected to a profile, with the symbols, quotes and history extensions. */
export function connectedTo(profile: Profile): ConnectionStatus {
  return {
    state: 'connected',
    profileId: profile.id,
    profileName: profile.name,
    paper: profile.kind === 'paper',
    latencyMs: 3,
    retryInMs: null,
    reason: null,
    logins: [profile.login ?? 'paper-1'],
    features: { ...disconnectedStatus().features, symbols: true, quotes: true, history: true },
  };
}

/** What the core reports for a server of the venue's current revision (no extensions). */
export const CURRENT_FEATURES: SessionFeatures = {
  ...disconnectedStatus().features,
  revision: 'current',
  revisionEvidence: 'detected: error replies name the event',
  notes: true,
  timesInForce: {
    MARKET: ['IOC', 'FOK'],
    LIMIT: ['TPI', 'AON', 'FOK', 'IOC'],
    STOP: ['AON', 'FOK', 'IOC'],
    STOP_LIMIT: ['AON', 'FOK', 'IOC'],
  },
};

/** What the core reports for a server of our extended protocol (every extension). */
export const EXTENDED_FEATURES: SessionFeatures = {
  ...disconnectedStatus().features,
  revision: 'extended',
  revisionEvidence: 'the profile says so',
  symbols: true,
  quotes: true,
  history: true,
  timesInForce: {
    MARKET: ['IOC', 'FOK'],
    LIMIT: ['GTC', 'GTT', 'IOC', 'FOK', 'AON', 'DAY'],
    STOP: ['GTC', 'GTT', 'IOC', 'FOK', 'AON', 'DAY'],
    STOP_LIMIT: ['GTC', 'GTT', 'IOC', 'FOK', 'AON', 'DAY'],
  },
};

/** Quotes two ticks either side of each default instrument's reference price. */
function referenceQuotes(time: number): Quote[] {
  return DEFAULT_INSTRUMENTS.map((inst) => {
    const ticks = priceToTicks(DEFAULT_REFERENCE_PRICES[inst.symbol] ?? 0, inst) ?? 0;
    return {
      symbol: inst.symbol,
      bid: ticksToPrice(ticks - 2, inst),
      ask: ticksToPrice(ticks + 2, inst),
      last: ticksToPrice(ticks, inst),
      time,
    };
  });
}

/** A first frame: connected to paper, the default instruments at their reference prices. */
export function snapshot(patch: Partial<Snapshot> = {}): Snapshot {
  return {
    connection: connectedTo(PAPER_PROFILE),
    profiles: [PAPER_PROFILE, REMOTE_PROFILE],
    instruments: [...DEFAULT_INSTRUMENTS],
    quotes: referenceQuotes(1_700_000_000_000),
    settings: DEFAULT_SETTINGS,
    orders: [],
    fills: [],
    positions: [],
    notifications: [],
    ...patch,
  };
}

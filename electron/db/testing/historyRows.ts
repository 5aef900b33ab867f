/**
 * Seeded history for tests and benches: fills and orders with repeated
 * values (ties), nulls where the schema allows them, several symbols, sides
 * and statuses, so every sort and filter has something to get wrong.
 */
import type { OrderRow } from '../../../shared/ipc';
import { createRandom } from '../../../mock-exchange/market/prng';
import type { StoredFill } from '../../store';
import type { HistoryDb } from '../historyDb';

const SYMBOLS = ['EURUSD', 'GBPUSD', 'USDJPY', 'BTCUSDT'] as const;
const STATUSES = ['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'] as const;

/** `count` fills from `start` (epoch ms), three per millisecond so times tie; `first` offsets their ids. */
export function seededFills(count: number, start: number, seed = 7, first = 0): StoredFill[] {
  const random = createRandom(seed + first);
  const fills: StoredFill[] = [];
  for (let i = first; i < first + count; i += 1) {
    const orderId = 1 + Math.floor(i / 2);
    const symbol = SYMBOLS[random.int(0, SYMBOLS.length - 1)] ?? 'EURUSD';
    const exact = !random.chance(0.1);
    fills.push({
      fillId: exact ? `${orderId}:${i + 1}` : `${orderId}:c${i + 1}`,
      orderId,
      clientOrderId: `pd-${orderId}`,
      login: random.chance(0.5) ? 'demo' : 'demo2',
      symbol,
      side: random.chance(0.5) ? 'BUY' : 'SELL',
      price: 1 + random.int(0, 50) / 100,
      qty: random.int(1, 20) * 100,
      time: start + Math.floor(i / 3),
      tradeId: exact ? i + 1 : null,
      cumQty: 100,
      derived: !exact,
    });
  }
  return fills;
}

/** `count` orders from `start` (epoch ms), in every status, some without prices. */
export function seededOrders(count: number, start: number, seed = 11): OrderRow[] {
  const random = createRandom(seed);
  const orders: OrderRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const orderId = i + 1;
    const status = STATUSES[random.int(0, STATUSES.length - 1)] ?? 'NEW';
    const market = random.chance(0.2);
    const origQty = random.int(1, 10) * 100;
    const executedQty = status === 'FILLED' ? origQty : status === 'NEW' ? 0 : origQty / 2;
    const price = market ? null : 1 + random.int(0, 30) / 100;
    orders.push({
      orderId,
      clientOrderId: `pd-${(1000 + random.int(0, 500)).toString(36)}-${orderId}`,
      login: 'demo',
      symbol: SYMBOLS[random.int(0, SYMBOLS.length - 1)] ?? 'EURUSD',
      side: random.chance(0.5) ? 'BUY' : 'SELL',
      type: market ? 'MARKET' : 'LIMIT',
      timeInForce: market ? 'IOC' : 'GTC',
      expiresAt: null,
      price,
      stopPrice: random.chance(0.1) ? 1.2 : null,
      origQty,
      executedQty,
      leavesQty: origQty - executedQty,
      avgPrice: executedQty > 0 ? (price ?? 1.1) : null,
      cumQuote: executedQty * (price ?? 1.1),
      status,
      createdAt: start + i,
      updatedAt: start + Math.floor(i / 2),
      ocoOrderId: null,
      triggered: false,
      lastReason: random.chance(0.3) ? 'USER' : null,
    });
  }
  return orders;
}

/** Writes rows in batches of `batch` (one transaction each), as the core's batcher would. */
export function writeHistory(
  db: HistoryDb,
  profileId: string,
  rows: { orders?: readonly OrderRow[]; fills?: readonly StoredFill[] },
  batch = 5000,
): void {
  const orders = rows.orders ?? [];
  const fills = rows.fills ?? [];
  for (let i = 0; i < Math.max(orders.length, fills.length); i += batch) {
    db.write(profileId, {
      orders: orders.slice(i, i + batch),
      fills: fills.slice(i, i + batch),
      removedFillIds: [],
      audit: [],
    });
  }
}

/** The four blotters' column definitions: one table each, used for grid, sort, filter and CSV. */
import type { FillRow, OrderRow, PositionRow } from '../../../../shared/ipc';
import { isFinalStatus } from '../../../../shared/domain';
import {
  idCol,
  moneyCol,
  priceCol,
  qtyCol,
  sideCol,
  signTone,
  statusCol,
  symbolCol,
  textCol,
  timeCol,
  type Column,
} from './column';
import type { SortState } from './grid';

const statusTone = (row: OrderRow): string => {
  switch (row.status) {
    case 'FILLED':
      return 'filled';
    case 'PARTIALLY_FILLED':
      return 'partial';
    case 'REJECTED':
      return 'rejected';
    case 'NEW':
      return 'new';
    default:
      return 'final';
  }
};

const orderSymbol = (r: OrderRow) => r.symbol;

const updated = timeCol<OrderRow>('updatedAt', 'Updated', (r) => r.updatedAt, 176);
const symbol = symbolCol<OrderRow>(84);
const side = sideCol<OrderRow>();
const type = textCol<OrderRow>('type', 'Type', (r) => r.type, 84);
const qty = qtyCol<OrderRow>('origQty', 'Qty', (r) => r.origQty, 96, orderSymbol);
const filled = qtyCol<OrderRow>('executedQty', 'Filled', (r) => r.executedQty, 88, orderSymbol);
const leaves = qtyCol<OrderRow>('leavesQty', 'Leaves', (r) => r.leavesQty, 100, orderSymbol);
const price = priceCol<OrderRow>('price', 'Price', (r) => r.price, 92, orderSymbol);
const stop = priceCol<OrderRow>('stopPrice', 'Stop', (r) => r.stopPrice, 92, orderSymbol);
const avg = priceCol<OrderRow>('avgPrice', 'Avg price', (r) => r.avgPrice, 96, orderSymbol);
const tif = textCol<OrderRow>('timeInForce', 'TIF', (r) => r.timeInForce, 52);
const status = statusCol<OrderRow>((r) => r.status, 136, statusTone);
const orderId = idCol<OrderRow>('orderId', 'Order ID', (r) => r.orderId);

/** Working orders (NEW, PARTIALLY_FILLED). */
export const workingColumns: readonly Column<OrderRow>[] = [
  symbol,
  side,
  type,
  qty,
  filled,
  price,
  stop,
  tif,
  status,
  updated,
  orderId,
];

/** Order history: every order in any state. */
export const orderHistoryColumns: readonly Column<OrderRow>[] = [
  updated,
  symbol,
  side,
  type,
  status,
  qty,
  filled,
  leaves,
  price,
  stop,
  avg,
  tif,
  textCol('lastReason', 'Reason', (r) => r.lastReason, 120),
  orderId,
  textCol('clientOrderId', 'Client ID', (r) => r.clientOrderId, 160),
];

const fillSymbol = (r: FillRow) => r.symbol;

/** Fills, one row per execution. */
export const fillColumns: readonly Column<FillRow>[] = [
  timeCol('time', 'Time', (r) => r.time, 190),
  symbolCol(84),
  sideCol(),
  qtyCol('qty', 'Qty', (r) => r.qty, 110, fillSymbol),
  priceCol('price', 'Price', (r) => r.price, 100, fillSymbol),
  moneyCol('notional', 'Notional', (r) => r.price * r.qty, 130),
  idCol('orderId', 'Order ID', (r) => r.orderId),
  idCol('tradeId', 'Trade ID', (r) => r.tradeId),
  textCol('login', 'Account', (r) => r.login, 100),
];

const positionSymbol = (r: PositionRow) => r.symbol;
const direction = (netQty: number) => (netQty > 0 ? 'LONG' : netQty < 0 ? 'SHORT' : 'FLAT');
const directionTone = (netQty: number) => (netQty > 0 ? 'buy' : netQty < 0 ? 'sell' : null);

/** Net positions per account and symbol. */
export const positionColumns: readonly Column<PositionRow>[] = [
  symbolCol(90),
  textCol('login', 'Account', (r) => r.login, 100),
  textCol('direction', 'Side', (r) => direction(r.netQty), 64, {
    tone: (r) => directionTone(r.netQty),
  }),
  qtyCol('netQty', 'Net qty', (r) => r.netQty, 120, positionSymbol, {
    tone: (r) => signTone(r.netQty),
  }),
  priceCol('avgPrice', 'Avg price', (r) => r.avgPrice, 100, positionSymbol),
  priceCol('markPrice', 'Mark', (r) => r.markPrice, 100, positionSymbol),
  moneyCol('unrealizedPnl', 'Unrealized P&L', (r) => r.unrealizedPnl, 130, {
    tone: (r) => signTone(r.unrealizedPnl),
  }),
  moneyCol('realizedPnl', 'Realized P&L', (r) => r.realizedPnl, 130, {
    tone: (r) => signTone(r.realizedPnl),
  }),
];

/** True for an order that can still trade (shown in Working). */
export function isWorking(row: OrderRow): boolean {
  return !isFinalStatus(row.status);
}

/** Default sort of each blotter: newest first. */
export const DEFAULT_SORTS = {
  working: { columnId: 'updatedAt', dir: 'desc' },
  orders: { columnId: 'updatedAt', dir: 'desc' },
  fills: { columnId: 'time', dir: 'desc' },
  positions: { columnId: 'symbol', dir: 'asc' },
} as const satisfies Record<string, SortState>;

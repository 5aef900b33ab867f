/** The four blotters' column definitions: one table each, used for grid, sort, filter and CSV. */
import type { FillRow, OrderRow, PositionRow } from '../../../../shared/ipc';
import { isFinalStatus } from '../../../../shared/domain';
import { sideTone, signTone, type Column } from './column';
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

const updated: Column<OrderRow> = {
  id: 'updatedAt',
  header: 'Updated',
  accessor: (r) => r.updatedAt,
  kind: 'time',
  filter: 'date',
  width: 176,
  align: 'left',
};
const symbol: Column<OrderRow> = {
  id: 'symbol',
  header: 'Symbol',
  accessor: (r) => r.symbol,
  kind: 'text',
  filter: 'symbol',
  width: 84,
  align: 'left',
};
const side: Column<OrderRow> = {
  id: 'side',
  header: 'Side',
  accessor: (r) => r.side,
  kind: 'side',
  filter: 'side',
  width: 56,
  align: 'left',
  tone: (r) => sideTone(r.side),
};
const type: Column<OrderRow> = {
  id: 'type',
  header: 'Type',
  accessor: (r) => r.type,
  kind: 'text',
  width: 84,
  align: 'left',
};
const qty: Column<OrderRow> = {
  id: 'origQty',
  header: 'Qty',
  accessor: (r) => r.origQty,
  kind: 'qty',
  symbolOf: orderSymbol,
  width: 96,
  align: 'right',
};
const filled: Column<OrderRow> = {
  id: 'executedQty',
  header: 'Filled',
  accessor: (r) => r.executedQty,
  kind: 'qty',
  symbolOf: orderSymbol,
  width: 88,
  align: 'right',
};
const leaves: Column<OrderRow> = {
  id: 'leavesQty',
  header: 'Leaves',
  accessor: (r) => r.leavesQty,
  kind: 'qty',
  symbolOf: orderSymbol,
  width: 100,
  align: 'right',
};
const price: Column<OrderRow> = {
  id: 'price',
  header: 'Price',
  accessor: (r) => r.price,
  kind: 'price',
  symbolOf: orderSymbol,
  width: 92,
  align: 'right',
};
const stop: Column<OrderRow> = {
  id: 'stopPrice',
  header: 'Stop',
  accessor: (r) => r.stopPrice,
  kind: 'price',
  symbolOf: orderSymbol,
  width: 92,
  align: 'right',
};
const avg: Column<OrderRow> = {
  id: 'avgPrice',
  header: 'Avg price',
  accessor: (r) => r.avgPrice,
  kind: 'price',
  symbolOf: orderSymbol,
  width: 96,
  align: 'right',
};
const tif: Column<OrderRow> = {
  id: 'timeInForce',
  header: 'TIF',
  accessor: (r) => r.timeInForce,
  kind: 'text',
  width: 52,
  align: 'left',
};
const status: Column<OrderRow> = {
  id: 'status',
  header: 'Status',
  accessor: (r) => r.status,
  kind: 'status',
  filter: 'status',
  width: 136,
  align: 'left',
  tone: statusTone,
};
const orderId: Column<OrderRow> = {
  id: 'orderId',
  header: 'Order ID',
  accessor: (r) => r.orderId,
  kind: 'id',
  width: 80,
  align: 'right',
};

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
  {
    id: 'lastReason',
    header: 'Reason',
    accessor: (r) => r.lastReason,
    kind: 'text',
    width: 120,
    align: 'left',
  },
  orderId,
  {
    id: 'clientOrderId',
    header: 'Client ID',
    accessor: (r) => r.clientOrderId,
    kind: 'text',
    width: 160,
    align: 'left',
  },
];

const fillSymbol = (r: FillRow) => r.symbol;

/** Fills, one row per execution. */
export const fillColumns: readonly Column<FillRow>[] = [
  {
    id: 'time',
    header: 'Time',
    accessor: (r) => r.time,
    kind: 'time',
    filter: 'date',
    width: 190,
    align: 'left',
  },
  {
    id: 'symbol',
    header: 'Symbol',
    accessor: (r) => r.symbol,
    kind: 'text',
    filter: 'symbol',
    width: 84,
    align: 'left',
  },
  {
    id: 'side',
    header: 'Side',
    accessor: (r) => r.side,
    kind: 'side',
    filter: 'side',
    width: 56,
    align: 'left',
    tone: (r) => sideTone(r.side),
  },
  {
    id: 'qty',
    header: 'Qty',
    accessor: (r) => r.qty,
    kind: 'qty',
    symbolOf: fillSymbol,
    width: 110,
    align: 'right',
  },
  {
    id: 'price',
    header: 'Price',
    accessor: (r) => r.price,
    kind: 'price',
    symbolOf: fillSymbol,
    width: 100,
    align: 'right',
  },
  {
    id: 'notional',
    header: 'Notional',
    accessor: (r) => r.price * r.qty,
    kind: 'money',
    width: 130,
    align: 'right',
  },
  {
    id: 'orderId',
    header: 'Order ID',
    accessor: (r) => r.orderId,
    kind: 'id',
    width: 80,
    align: 'right',
  },
  {
    id: 'tradeId',
    header: 'Trade ID',
    accessor: (r) => r.tradeId,
    kind: 'id',
    width: 80,
    align: 'right',
  },
  {
    id: 'login',
    header: 'Account',
    accessor: (r) => r.login,
    kind: 'text',
    width: 100,
    align: 'left',
  },
];

const positionSymbol = (r: PositionRow) => r.symbol;

/** Net positions per account and symbol. */
export const positionColumns: readonly Column<PositionRow>[] = [
  {
    id: 'symbol',
    header: 'Symbol',
    accessor: (r) => r.symbol,
    kind: 'text',
    filter: 'symbol',
    width: 90,
    align: 'left',
  },
  {
    id: 'login',
    header: 'Account',
    accessor: (r) => r.login,
    kind: 'text',
    width: 100,
    align: 'left',
  },
  {
    id: 'direction',
    header: 'Side',
    accessor: (r) => (r.netQty > 0 ? 'LONG' : r.netQty < 0 ? 'SHORT' : 'FLAT'),
    kind: 'text',
    width: 64,
    align: 'left',
    tone: (r) => (r.netQty > 0 ? 'buy' : r.netQty < 0 ? 'sell' : null),
  },
  {
    id: 'netQty',
    header: 'Net qty',
    accessor: (r) => r.netQty,
    kind: 'qty',
    symbolOf: positionSymbol,
    width: 120,
    align: 'right',
    tone: (r) => signTone(r.netQty),
  },
  {
    id: 'avgPrice',
    header: 'Avg price',
    accessor: (r) => r.avgPrice,
    kind: 'price',
    symbolOf: positionSymbol,
    width: 100,
    align: 'right',
  },
  {
    id: 'markPrice',
    header: 'Mark',
    accessor: (r) => r.markPrice,
    kind: 'price',
    symbolOf: positionSymbol,
    width: 100,
    align: 'right',
  },
  {
    id: 'unrealizedPnl',
    header: 'Unrealized P&L',
    accessor: (r) => r.unrealizedPnl,
    kind: 'money',
    width: 130,
    align: 'right',
    tone: (r) => signTone(r.unrealizedPnl),
  },
  {
    id: 'realizedPnl',
    header: 'Realized P&L',
    accessor: (r) => r.realizedPnl,
    kind: 'money',
    width: 130,
    align: 'right',
    tone: (r) => signTone(r.realizedPnl),
  },
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

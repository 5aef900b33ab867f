/**
 * The blotter registry: one record per blotter (tab, grid label, columns, row
 * key, default sort, data source, shortcut) from which the blotter states, the
 * tabs, the keyboard shortcuts, the help dialog and the remembered layout are
 * all made, after ReactiveTraderCloud's colConfig. Each column table drives
 * the grid, sorting, filtering and the CSV export alike. Working and Positions
 * hold their rows in memory; Orders and Fills page every stored row from main.
 */
import type {
  Api,
  FillRow,
  HistoryBlotter,
  HistoryPage,
  OrderRow,
  PositionRow,
} from '../../../../shared/ipc';
import { PositionsBlotterState } from './positions.svelte';
import type { PositionLine } from './positions';
import type { RowStore } from '../state/row-store.svelte';
import { fillKey, orderKey, positionKey, type TradingStore } from '../state/trading.svelte';
import { HistoryBlotterState } from './history.svelte';
import { WorkingBlotterState } from './working.svelte';
import {
  idCol,
  moneyCol,
  priceCol,
  qtyCol,
  sideCol,
  statusCol,
  symbolCol,
  textCol,
  timeCol,
  type Column,
  type FormatContext,
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

/** What every blotter's record says. */
interface BlotterBase<Id extends string, Row, K> {
  id: Id;
  /** Tab label. */
  tab: string;
  /** Accessible name of the grid; also the help dialog's line for its shortcut. */
  label: string;
  columns: readonly Column<Row>[];
  keyOf: (row: Row) => K;
  defaultSort: SortState;
  /** Key combination that shows this blotter, spelled as keyboard.ts spells them. */
  shortcut: string;
  /** Shows the row count on the tab. */
  badge?: boolean;
  /** The order a row belongs to (activating the row opens its detail). */
  orderIdOf?: (row: Row) => number;
}

/** Where a blotter's rows come from, for making its state. */
interface StateSources {
  trading: TradingStore;
  format: FormatContext;
  api: Api;
}

/**
 * The Working blotter, in memory (bounded by nature): main's working orders,
 * plus a Trail column once it follows the tools' trailing stops.
 */
function workingBlotter<const Id extends string>(
  spec: BlotterBase<Id, OrderRow, number> & {
    source: (trading: TradingStore) => RowStore<number, OrderRow>;
  },
) {
  return {
    ...spec,
    /** The blotter's view state over `trading`'s working orders; `followTrails` adds the Trail column. */
    createState({ trading, format }: StateSources): WorkingBlotterState {
      const store = spec.source(trading);
      return new WorkingBlotterState({
        ...spec,
        source: () => store.rows,
        delta: (rows) => store.delta(rows),
        format,
      });
    },
  };
}

/** A history blotter: every stored row, paged from main's database; live rows trigger a refresh. */
function historyBlotter<const Id extends string, Row, K>(
  spec: BlotterBase<Id, Row, K> & {
    history: HistoryBlotter;
    rowsOf: (page: HistoryPage) => Row[];
    /**
     * The rows main sends live: when they change, new rows may belong to this history.
     * Followed by version: reading their array would copy every row each frame.
     */
    live: (trading: TradingStore) => { readonly version: number };
  },
) {
  return {
    ...spec,
    /** The blotter's paged state over main's database. */
    createState({ trading, format, api }: StateSources): HistoryBlotterState<Row, K> {
      const live = spec.live(trading);
      return new HistoryBlotterState({
        ...spec,
        blotter: spec.history,
        api,
        format,
        live: () => live.version,
      });
    },
  };
}

/**
 * The Positions blotter: main's positions joined with main's account figures; its
 * columns name the accounting method and the account currency, so they change with them.
 */
function positionsBlotter<const Id extends string>(
  spec: Omit<BlotterBase<Id, PositionLine, string>, 'columns'> & {
    source: (trading: TradingStore) => RowStore<string, PositionRow>;
  },
) {
  return {
    ...spec,
    /** The blotter's view state over `trading`'s positions; `follow` gives it the account figures. */
    createState({ trading, format }: StateSources): PositionsBlotterState {
      const store = spec.source(trading);
      return new PositionsBlotterState({ ...spec, format, rows: () => store.rows });
    },
  };
}

/** Every blotter, in tab order. */
export const BLOTTERS = [
  workingBlotter({
    id: 'working',
    tab: 'Working',
    label: 'Working orders',
    columns: workingColumns,
    keyOf: orderKey,
    defaultSort: { columnId: 'updatedAt', dir: 'desc' },
    source: (trading) => trading.workingOrders,
    shortcut: 'Alt+1',
    badge: true,
    orderIdOf: orderKey,
  }),
  historyBlotter({
    id: 'orders',
    tab: 'Orders',
    label: 'Order history',
    columns: orderHistoryColumns,
    keyOf: orderKey,
    defaultSort: { columnId: 'updatedAt', dir: 'desc' },
    history: 'orders',
    rowsOf: (page) => (page.blotter === 'orders' ? page.rows : []),
    live: (trading) => trading.orderChanges,
    shortcut: 'Alt+2',
    orderIdOf: orderKey,
  }),
  historyBlotter({
    id: 'fills',
    tab: 'Fills',
    label: 'Fills',
    columns: fillColumns,
    keyOf: fillKey,
    defaultSort: { columnId: 'time', dir: 'desc' },
    history: 'fills',
    rowsOf: (page) => (page.blotter === 'fills' ? page.rows : []),
    live: (trading) => trading.fills,
    shortcut: 'Alt+3',
    orderIdOf: (row) => row.orderId,
  }),
  positionsBlotter({
    id: 'positions',
    tab: 'Positions',
    label: 'Positions',
    keyOf: positionKey,
    defaultSort: { columnId: 'symbol', dir: 'asc' },
    source: (trading) => trading.positions,
    shortcut: 'Alt+4',
  }),
] as const;

type Spec = (typeof BLOTTERS)[number];

/** A blotter's id: 'working', 'orders', 'fills' or 'positions'. */
export type BlotterId = Spec['id'];

/** The view state of each blotter, by id. */
export type Blotters = {
  [S in Spec as S['id']]: ReturnType<S['createState']>;
};

/** True for the id of a blotter (e.g. a remembered tab). */
export function isBlotterId(id: string): id is BlotterId {
  return BLOTTERS.some((b) => b.id === id);
}

/** Makes every blotter's view state: in memory over `trading`'s rows, or paged through `api`. */
export function createBlotters(trading: TradingStore, format: FormatContext, api: Api): Blotters {
  const sources: StateSources = { trading, format, api };
  // One entry per record: the mapped type above is exactly these keys and states.
  return Object.fromEntries(
    BLOTTERS.map((spec) => [spec.id, spec.createState(sources)]),
  ) as Blotters;
}

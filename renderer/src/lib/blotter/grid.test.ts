import { describe, expect, it } from 'vitest';
import type { FillRow } from '../../../../shared/ipc';
import { DEFAULT_INSTRUMENTS } from '../../../../shared/domain';
import { formatLocalDateTime } from '../format';
import { fillColumns, orderHistoryColumns, workingColumns } from './blotters';
import { positionColumns, type PositionLine } from './positions';
import { formatCell, type FormatContext } from './column';
import {
  EMPTY_FILTER,
  csvField,
  filterRows,
  nextSort,
  selectionStep,
  sortRows,
  toCsv,
} from './grid';
import { order } from '../testing/fixtures';

const ctx: FormatContext = {
  precisionOf: (s) => DEFAULT_INSTRUMENTS.find((i) => i.symbol === s),
};

const rows = [
  order({
    orderId: 1,
    symbol: 'EURUSD',
    side: 'BUY',
    price: 1.085,
    updatedAt: 3000,
    status: 'NEW',
  }),
  order({
    orderId: 2,
    symbol: 'BTCUSDT',
    side: 'SELL',
    price: 64000.5,
    origQty: 0.25,
    updatedAt: 1000,
    status: 'FILLED',
  }),
  order({
    orderId: 3,
    symbol: 'USDJPY',
    side: 'SELL',
    price: null,
    type: 'MARKET',
    updatedAt: 2000,
    status: 'CANCELED',
  }),
];
const col = (id: string) => orderHistoryColumns.find((c) => c.id === id)!;

describe('blotter columns', () => {
  it('format prices and quantities in the instrument precision, grouped on screen, plain in CSV', () => {
    const btc = rows[1]!;
    expect(formatCell(col('price'), btc, ctx)).toBe('64,000.50');
    expect(formatCell(col('price'), btc, ctx, 'csv')).toBe('64000.50');
    expect(formatCell(col('origQty'), btc, ctx)).toBe('0.2500');
    expect(formatCell(col('price'), rows[0]!, ctx)).toBe('1.08500');
    expect(formatCell(col('price'), rows[2]!, ctx)).toBe('');
  });

  it('show times in local time with milliseconds', () => {
    const t = new Date(2024, 4, 1, 14, 3, 22, 7).getTime();
    expect(formatCell(col('updatedAt'), order({ updatedAt: t }), ctx)).toBe(
      '2024-05-01 14:03:22.007',
    );
  });

  it('right-align every number column', () => {
    const positions = positionColumns({ method: 'FIFO', currency: 'USD' });
    for (const cols of [workingColumns, orderHistoryColumns, fillColumns, positions] as const)
      for (const c of cols as readonly { kind: string; align: string }[])
        if (['price', 'qty', 'money', 'id'].includes(c.kind)) expect(c.align).toBe('right');
  });
});

describe('sortRows', () => {
  it('sorts numbers numerically, nulls last, both directions', () => {
    const asc = sortRows(rows, orderHistoryColumns, { columnId: 'price', dir: 'asc' });
    expect(asc.map((r) => r.orderId)).toEqual([1, 2, 3]);
    const byTime = sortRows(rows, orderHistoryColumns, { columnId: 'updatedAt', dir: 'desc' });
    expect(byTime.map((r) => r.orderId)).toEqual([1, 3, 2]);
  });
  it('cycles asc then desc on the same column', () => {
    expect(nextSort(null, 'symbol')).toEqual({ columnId: 'symbol', dir: 'asc' });
    expect(nextSort({ columnId: 'symbol', dir: 'asc' }, 'symbol').dir).toBe('desc');
  });
});

describe('filterRows', () => {
  it('filters by symbol, side, status and date range via the columns that declare them', () => {
    const f = (patch: Partial<typeof EMPTY_FILTER>) =>
      filterRows(rows, orderHistoryColumns, { ...EMPTY_FILTER, ...patch }).map((r) => r.orderId);
    expect(f({ symbol: 'BTCUSDT' })).toEqual([2]);
    expect(f({ side: 'SELL' })).toEqual([2, 3]);
    expect(f({ status: 'CANCELED' })).toEqual([3]);
    expect(f({ from: 1500, to: 3000 })).toEqual([3]);
    expect(f({ side: 'SELL', status: 'FILLED' })).toEqual([2]);
  });
  it('offers no side or status filter on positions', () => {
    const p: PositionLine = {
      login: 'L',
      symbol: 'EURUSD',
      netQty: 1000,
      avgPrice: 1.08,
      realizedPnl: 0,
      unrealizedPnl: null,
      markPrice: null,
      account: null,
    };
    const columns = positionColumns({ method: 'AVERAGE', currency: 'USD' });
    expect(filterRows([p], columns, { ...EMPTY_FILTER, side: 'SELL' })).toEqual([p]);
  });
});

describe('CSV', () => {
  it('has the column headers and exactly the given rows, formatted for export', () => {
    const fill: FillRow = {
      fillId: '7:1',
      orderId: 7,
      clientOrderId: 'c7',
      login: 'L1',
      symbol: 'EURUSD',
      side: 'BUY',
      price: 1.0851,
      qty: 1_000_000,
      time: new Date(2024, 0, 2, 3, 4, 5, 6).getTime(),
      tradeId: 11,
    };
    const csv = toCsv(fillColumns, [fill], ctx);
    expect(csv).toBe(
      'Time,Symbol,Side,Qty,Price,Notional,Order ID,Trade ID,Account\r\n' +
        `${formatLocalDateTime(fill.time)},EURUSD,BUY,1000000,1.08510,1085100.00,7,11,L1\r\n`,
    );
  });
  it('quotes separators and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-12.5')).toBe('-12.5');
  });
});

describe('selection keys', () => {
  it('with no row selected, Home picks the first row and End the last, as the keys say', () => {
    const count = 46;
    expect(selectionStep(count, -1, -count)).toBe(0); // Home
    expect(selectionStep(count, -1, count)).toBe(45); // End
    expect(selectionStep(count, -1, 1)).toBe(0); // Down
    expect(selectionStep(count, -1, -1)).toBe(45); // Up
    expect(selectionStep(count, -1, 10)).toBe(9); // PageDown: a page from the top
    expect(selectionStep(count, 5, -count)).toBe(0);
    expect(selectionStep(count, 5, count)).toBe(45);
    expect(selectionStep(0, -1, 1)).toBe(-1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  FillRow,
  HistoryCursor,
  OrderRow,
} from '../../shared/ipc';
import { HistoryDb } from '../db';
import { seededFills, seededOrders, writeHistory } from '../db/testing/historyRows';
import { PositionBook, precisionLookup } from '../store';
import { startCoreWithExchange, tempDir, unwrap, type CoreHarness } from '../testing/coreTestkit';
import { PAPER_PROFILE_ID } from './profiles';

const T0 = Date.UTC(2024, 4, 1, 9, 30);
const STORED = 1300;

let harness: CoreHarness | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
  tmp?.remove();
  tmp = null;
});

/** A data directory holding `count` fills and orders of the paper profile, written as the core would. */
function seededDataDir(count: number): string {
  tmp = tempDir('pd-history-core-');
  const db = new HistoryDb(tmp.dir);
  writeHistory(db, PAPER_PROFILE_ID, {
    fills: seededFills(count, T0),
    orders: seededOrders(count, T0),
  });
  db.close();
  return tmp.dir;
}

/** A core on that directory that stays disconnected (history alone). */
async function restart(
  dataDir: string,
  saveFile?: (name: string, content: string) => Promise<{ path: string } | null>,
) {
  await harness?.close();
  harness = await startCoreWithExchange(dataDir, {
    autoConnectProfileId: null,
    ...(saveFile && { saveFile }),
  });
  return harness.core;
}

/** Runs a command and unwraps its result, typed as the contract says. */
async function call<C extends CommandName>(
  core: CoreHarness['core'],
  command: C,
  input: CommandInput<C>,
): Promise<CommandOutput<C>> {
  return unwrap(await core.invoke(command, input)) as CommandOutput<C>;
}

/** Every page of a blotter, as the renderer walks it. */
async function walk(
  core: CoreHarness['core'],
  blotter: 'orders' | 'fills',
  sort: { columnId: string; dir: 'asc' | 'desc' },
): Promise<{ rows: (OrderRow | FillRow)[]; total: number | null }> {
  const rows: (OrderRow | FillRow)[] = [];
  let after: HistoryCursor | undefined;
  let total: number | null = null;
  for (;;) {
    const page = await call(core, 'queryHistory', {
      blotter,
      sort,
      after,
      limit: 400,
      count: after === undefined,
    });
    total ??= page.total;
    rows.push(...page.rows);
    if (page.rows.length < 400 || page.last === null) return { rows, total };
    after = page.last;
  }
}

describe('history after a restart', () => {
  it(`reaches every one of ${STORED} stored fills and orders, and positions match those fills`, async () => {
    const dataDir = seededDataDir(STORED);
    await restart(dataDir);
    const core = await restart(dataDir);

    const fills = await walk(core, 'fills', { columnId: 'time', dir: 'desc' });
    expect(fills.total).toBe(STORED);
    expect(new Set(fills.rows.map((f) => (f as FillRow).fillId)).size).toBe(STORED);
    const orders = await walk(core, 'orders', { columnId: 'updatedAt', dir: 'desc' });
    expect(orders.total).toBe(STORED);
    expect(new Set(orders.rows.map((o) => (o as OrderRow).orderId)).size).toBe(STORED);

    // Realized P&L from exactly the rows the blotter reaches equals what main reports.
    const book = new PositionBook(precisionLookup(() => new Map()));
    for (const f of [...(fills.rows as FillRow[])].reverse())
      book.upsert({ ...f, cumQty: 0, derived: f.tradeId === null });
    const expected = book.rows(new Map()).map((p) => [p.login, p.symbol, p.realizedPnl, p.netQty]);
    const positions = await call(core, 'queryPositions', undefined);
    expect(positions.map((p) => [p.login, p.symbol, p.realizedPnl, p.netQty])).toEqual(
      expect.arrayContaining(expected),
    );
    expect(positions).toHaveLength(expected.length);
    expect(positions.some((p) => p.realizedPnl !== 0)).toBe(true);
  });

  it('refuses a sort the blotter does not have', async () => {
    const core = await restart(seededDataDir(10));
    const result = await core.invoke('queryHistory', {
      blotter: 'fills',
      sort: { columnId: 'status', dir: 'asc' },
      limit: 10,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'sort' } });
  });
});

describe('streamed CSV export', () => {
  it('joins the pieces and writes them through the host save dialog', async () => {
    const written: { name: string; content: string }[] = [];
    const core = await restart(seededDataDir(1), async (name, content) => {
      written.push({ name, content });
      return { path: `/tmp/${name}` };
    });
    const begun = await call(core, 'exportCsv', { op: 'begin', fileName: 'fills-x.csv' });
    if (begun.status !== 'streaming') throw new Error(`expected streaming, got ${begun.status}`);
    for (const chunk of ['a,b\r\n', '1,2\r\n', '3,4\r\n'])
      await call(core, 'exportCsv', { op: 'append', exportId: begun.exportId, chunk });
    const done = await call(core, 'exportCsv', { op: 'finish', exportId: begun.exportId });
    expect(done).toEqual({ status: 'saved', path: '/tmp/fills-x.csv' });
    expect(written).toEqual([{ name: 'fills-x.csv', content: 'a,b\r\n1,2\r\n3,4\r\n' }]);
    // A finished export is gone.
    const again = await core.invoke('exportCsv', { op: 'finish', exportId: begun.exportId });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('an aborted export writes nothing; a host without a dialog answers download', async () => {
    const written: string[] = [];
    const dataDir = seededDataDir(1);
    let core = await restart(dataDir, async (name) => {
      written.push(name);
      return { path: name };
    });
    const begun = await call(core, 'exportCsv', { op: 'begin', fileName: 'o.csv' });
    if (begun.status !== 'streaming') throw new Error('expected streaming');
    await core.invoke('exportCsv', { op: 'append', exportId: begun.exportId, chunk: 'x\r\n' });
    expect(await call(core, 'exportCsv', { op: 'abort', exportId: begun.exportId })).toEqual({
      status: 'canceled',
    });
    expect(written).toEqual([]);
    core = await restart(dataDir);
    expect(await call(core, 'exportCsv', { op: 'begin', fileName: 'o.csv' })).toEqual({
      status: 'download',
    });
    const tooBig = await core.invoke('exportCsv', {
      op: 'append',
      exportId: 'x',
      chunk: 'x'.repeat(2_000_001),
    });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Api, Notification } from '../../../../shared/ipc';
import { fill, order, snapshot } from '../testing/fixtures';
import { createStubApi, ok } from '../testing/stub-api';
import { AppState, BLOTTER_INFO_MS } from './app.svelte';
import { KEPT_FILLS } from './trading.svelte';
import { NotificationsState } from './notifications.svelte';

describe('AppState fills', () => {
  it('drops a derived fill main replaced by the exact one (fills missed while disconnected)', async () => {
    const exact = fill({});
    const orderDetail = vi.fn(async () => ok({ order: order({ orderId: 81 }), fills: [exact] }));
    const api = { orderDetail } as unknown as Api;
    const app = new AppState(api, { schedule: (flush) => flush() });

    // A resync first derives the fill from the order's executed quantity...
    app.apply({ fills: [[fill({ fillId: '81:c2000', tradeId: null })]] });
    // ...then main replaces it with the exchange's exact fill (and deletes the derived one).
    app.apply({ fills: [[exact]] });

    await vi.waitFor(() => expect(app.trading.fills.rows).toEqual([exact]));
    expect(orderDetail).toHaveBeenCalledWith({ orderId: 81 });
  });

  it('does not ask main when no derived fill is shown', () => {
    const orderDetail = vi.fn();
    const app = new AppState({ orderDetail } as unknown as Api, { schedule: (flush) => flush() });
    app.apply({ fills: [[fill({}), fill({ fillId: '82:2', orderId: 82, tradeId: 2 })]] });
    expect(app.trading.fills.rows).toHaveLength(2);
    expect(orderDetail).not.toHaveBeenCalled();
  });

  it('keeps a derived fill beyond KEPT_FILLS until main replaces it, then drops it', async () => {
    const exact = fill({});
    const orderDetail = vi.fn(async () => ok({ order: order({ orderId: 81 }), fills: [exact] }));
    const app = new AppState({ orderDetail } as unknown as Api, { schedule: (flush) => flush() });
    app.apply({ fills: [[fill({ fillId: '81:c2000', tradeId: null })]] });
    const others = Array.from({ length: KEPT_FILLS }, (_, i) =>
      fill({ fillId: `o${i}`, orderId: 1000 + i, tradeId: 1000 + i }),
    );
    app.apply({ fills: [others] });
    expect(app.trading.fills.get('81:c2000')).toBeDefined();
    app.apply({ fills: [[exact]] });
    await vi.waitFor(() => expect(app.trading.fills.get('81:c2000')).toBeUndefined());
    expect(app.trading.fills.get(exact.fillId)).toEqual(exact);
  });

  it('keeps the newest KEPT_FILLS fills of a long session, not every one', () => {
    const app = new AppState({} as Api, { schedule: (flush) => flush() });
    const many = Array.from({ length: KEPT_FILLS + 250 }, (_, i) =>
      fill({ fillId: `f${i}`, orderId: i, tradeId: i, time: 1_700_000_000_000 + i }),
    );
    for (let i = 0; i < many.length; i += 500) app.apply({ fills: [many.slice(i, i + 500)] });
    expect(app.trading.fills.size).toBe(KEPT_FILLS);
    expect(app.trading.fills.get('f249')).toBeUndefined();
    expect(app.trading.fills.get('f250')).toBeDefined();
    expect(app.trading.fills.get(`f${KEPT_FILLS + 249}`)).toBeDefined();
  });
});

describe('AppState working orders', () => {
  it('shows an order in Working until main sends its final version', () => {
    const app = new AppState({} as Api, { schedule: (flush) => flush() });
    const t0 = 1_700_000_000_000;
    app.apply({ orders: [[order({ orderId: 1 }), order({ orderId: 2, updatedAt: t0 + 1 })]] });
    expect(app.blotters.working.rows.map((o) => o.orderId)).toEqual([2, 1]);

    app.apply({ orders: [[order({ orderId: 1, status: 'FILLED', updatedAt: t0 + 2 })]] });
    expect(app.blotters.working.rows.map((o) => o.orderId)).toEqual([2]);
    // Each batch told the Order history that orders changed, in its frame.
    expect(app.trading.orderChanges.version).toBe(2);
  });

  it('keeps no order that cannot trade, yet tells the Order history about it', () => {
    const frame: Array<() => void> = [];
    const app = new AppState({} as Api, { schedule: (flush) => frame.push(flush) });
    app.apply({ orders: [[order({ orderId: 9, status: 'FILLED' })]] });
    app.apply({ orders: [[order({ orderId: 10, status: 'REJECTED' })]] });
    expect(app.trading.orderChanges.version).toBe(0);
    for (const flush of frame.splice(0)) flush();
    // One change counted for the frame, however many batches it publishes.
    expect(app.trading.orderChanges.version).toBe(1);
    expect(app.trading.working).toEqual([]);
  });

  it('applies the versions main sends as given, the last of a batch winning', () => {
    // Which version is newest is main's order store's rule (electron/store), not the renderer's.
    const app = new AppState({} as Api, { schedule: (flush) => flush() });
    const t0 = 1_700_000_000_000;
    app.apply({ orders: [[order({ orderId: 1, status: 'FILLED', updatedAt: t0 + 5 })]] });
    app.apply({ orders: [[order({ orderId: 1, price: 1.09, updatedAt: t0 + 1 })]] });
    expect(app.trading.working).toEqual([order({ orderId: 1, price: 1.09, updatedAt: t0 + 1 })]);
    expect(app.blotters.working.rows.map((o) => o.orderId)).toEqual([1]);

    app.apply({
      orders: [
        [order({ orderId: 1, price: 1.1 }), order({ orderId: 1, status: 'CANCELED', price: 1.1 })],
      ],
    });
    expect(app.trading.working).toEqual([]);
    expect(app.blotters.working.rows).toEqual([]);
  });
});

describe('AppState start', () => {
  it('does not apply a batch that arrived before the snapshot over it (the snapshot has it)', async () => {
    const newest = order({ orderId: 7, status: 'FILLED', executedQty: 1000, leavesQty: 0 });
    const api = createStubApi();
    let answer = (): void => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    api.reply('getSnapshot', async () => {
      await answered;
      return ok(snapshot({ orders: [newest] }));
    });
    const app = new AppState(api, { schedule: (flush) => flush() });
    const started = app.start();
    await vi.waitFor(() => expect(api.calls.map((c) => c.command)).toContain('getSnapshot'));
    // Main flushed this batch before it took the snapshot.
    api.emit({ orders: [[order({ orderId: 7 })]] });
    answer();
    await started;
    expect(app.blotters.working.rows).toEqual([]);

    api.emit({ orders: [[order({ orderId: 8 })]] });
    expect(app.blotters.working.rows.map((o) => o.orderId)).toEqual([8]);
    app.dispose();
  });
});

describe('AppState notifications', () => {
  const note = (id: string, message: string): Notification => ({
    id,
    kind: 'fill',
    message,
    time: 1_700_000_000_000,
    orderId: 1,
  });

  it('shows the notifications of a frame’s batches with their rows, in one update', () => {
    const frame: Array<() => void> = [];
    const app = new AppState({} as Api, { schedule: (flush) => frame.push(flush) });
    const push = vi.spyOn(app.notifications, 'push');
    app.apply({ fills: [[fill({ fillId: '1:1' })]], notification: [note('n1', 'Bought 1,000')] });
    app.apply({
      fills: [[fill({ fillId: '1:2', tradeId: 2 })]],
      notification: [note('n2', 'Bought 2,000')],
    });
    // Nothing shown before the frame: neither the fills nor the toasts that announce them.
    expect(app.notifications.log).toEqual([]);
    expect(app.trading.fills.rows).toEqual([]);
    for (const flush of frame.splice(0)) flush();
    expect(app.notifications.log.map((n) => n.message)).toEqual(['Bought 2,000', 'Bought 1,000']);
    expect(app.trading.fills.rows).toHaveLength(2);
    // The log and the toasts changed once for both batches.
    expect(push).toHaveBeenCalledTimes(1);
  });
});

describe('NotificationsState bursts', () => {
  it('toasts (and sounds) only the newest five of a burst of fills, logging every one', () => {
    const sounded: string[] = [];
    const notifications = new NotificationsState((n) => sounded.push(n.id));
    const burst = Array.from({ length: 20 }, (_, i) => ({
      id: `f${i}`,
      kind: 'fill' as const,
      message: `Fill ${i}`,
      time: 1_700_000_000_000 + i,
      orderId: i,
    }));
    notifications.push(burst);
    expect(notifications.log).toHaveLength(20);
    expect(notifications.toasts.map((t) => t.id)).toEqual(['f15', 'f16', 'f17', 'f18', 'f19']);
    expect(sounded).toEqual(['f15', 'f16', 'f17', 'f18', 'f19']);
  });

  it('takes a notification and its update arriving in one frame as one entry, the latest text', () => {
    const notifications = new NotificationsState();
    const first = { id: 'g1', kind: 'fill' as const, message: 'Bought 1,000', time: 1, orderId: 7 };
    const update = { ...first, message: 'Bought 2,000 (2 fills)', time: 2 };
    notifications.push([first, { ...first, id: 'g2', orderId: 8 }, update]);
    expect(notifications.log.map((n) => [n.id, n.message])).toEqual([
      ['g2', 'Bought 1,000'],
      ['g1', 'Bought 2,000 (2 fills)'],
    ]);
    expect(notifications.toasts.map((t) => t.id)).toEqual(['g1', 'g2']);
  });
});

describe('AppState quotes', () => {
  const quote = (last: number, time: number) => ({
    symbol: 'EURUSD',
    bid: last - 0.0001,
    ask: last + 0.0001,
    last,
    time,
  });

  it('shows a frame’s quotes with its rows, in that frame, the latest winning', () => {
    const frame: Array<() => void> = [];
    const app = new AppState({} as Api, { schedule: (flush) => frame.push(flush) });
    app.apply({ quotes: [[quote(1.085, 1)]], orders: [[order({ orderId: 7 })]] });
    app.apply({ quotes: [[quote(1.0852, 2)], [quote(1.0851, 3)]] });
    // Nothing changes on the page in the message's task: quotes wait for the frame, as rows do.
    expect(app.market.quotes.size).toBe(0);
    expect(app.trading.working).toEqual([]);
    for (const flush of frame.splice(0)) flush();
    expect(app.market.lastPrice('EURUSD')).toBe(1.0851);
    expect(app.market.ticks.get('EURUSD')).toBe('down');
    expect(app.trading.working.map((o) => o.orderId)).toEqual([7]);
  });

  it('drops quotes still waiting when the profile changes (they are the old exchange’s)', () => {
    const frame: Array<() => void> = [];
    const getSnapshot = vi.fn(() => new Promise<never>(() => {}));
    const app = new AppState({ getSnapshot } as unknown as Api, {
      schedule: (flush) => frame.push(flush),
    });
    app.apply({ quotes: [[quote(1.085, 1)]] });
    app.apply({ profileChanged: [{ profileId: 'other' }] });
    for (const flush of frame.splice(0)) flush();
    expect(app.market.quotes.size).toBe(0);
  });
});

describe('AppState blotter message', () => {
  it('an info line goes after a few seconds; an error stays', async () => {
    vi.useFakeTimers();
    try {
      const api = createStubApi();
      const app = new AppState(api, { schedule: (flush) => flush() });
      await app.cancelOrder(7);
      expect(app.blotterMessage).toEqual({ kind: 'info', text: 'Cancel sent for order 7' });
      vi.advanceTimersByTime(BLOTTER_INFO_MS);
      expect(app.blotterMessage).toBeNull();
      api.reply('cancelOrder', () => ({
        ok: false,
        error: { code: 'EXCHANGE', message: 'unknown order' },
      }));
      await app.cancelOrder(8);
      vi.advanceTimersByTime(BLOTTER_INFO_MS * 3);
      expect(app.blotterMessage).toEqual({ kind: 'error', text: 'Cancel 8: unknown order' });
    } finally {
      vi.useRealTimers();
    }
  });
});

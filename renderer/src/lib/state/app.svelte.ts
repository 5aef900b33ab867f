/**
 * The renderer's state: one small store per concern, fed by `api.onEvents`.
 * The renderer owns only view state; every fact comes from main.
 */
import type {
  Api,
  EventBatch,
  FillRow,
  Notification,
  OrderRow,
  Quote,
  Snapshot,
  StorageStatus,
} from '../../../../shared/ipc';
import {
  BLOTTERS,
  createBlotters,
  isBlotterId,
  type BlotterId,
  type Blotters,
} from '../blotter/blotters';
import type { BlotterState } from '../blotter/blotter.svelte';
import type { SortState } from '../blotter/grid';
import { beep } from '../sound';
import { OcoTicketState, OrderTicketState } from '../ticket/ticket.svelte';
import { ConnectionState } from './connection.svelte';
import { FrameQueue, nextFrame } from './frame';
import { MarketStore } from './market.svelte';
import { NotificationsState } from './notifications.svelte';
import { SettingsState } from './settings.svelte';
import { isDerivedFill, TradingStore } from './trading.svelte';

type TicketTab = 'single' | 'oco';

/** The detail dialog's content. */
export interface OrderDetail {
  order: OrderRow;
  fills: FillRow[];
}

function parseSort(value: string, fallback: SortState): SortState {
  const m = /^(\w+):(asc|desc)$/.exec(value);
  return m?.[1] && (m[2] === 'asc' || m[2] === 'desc') ? { columnId: m[1], dir: m[2] } : fallback;
}

/** A line under the blotter: what the last blotter action did. */
export interface BlotterMessage {
  kind: 'info' | 'error';
  text: string;
  /** Stays like an error (an export's result names the file it wrote). */
  keep?: boolean;
}

/** How long an info line under the blotter stays, ms. */
export const BLOTTER_INFO_MS = 8000;

export class AppState {
  readonly api: Api;
  readonly connection: ConnectionState;
  readonly market = new MarketStore();
  readonly trading: TradingStore;
  readonly settings: SettingsState;
  readonly notifications: NotificationsState;
  readonly ticket: OrderTicketState;
  readonly oco: OcoTicketState;
  /** Every blotter's view state, by id (made from the blotter registry). */
  readonly blotters: Blotters;

  ready = $state(false);
  loadError = $state<string | null>(null);
  blotterTab = $state<BlotterId>(BLOTTERS[0].id);
  ticketTab = $state<TicketTab>('single');
  detail = $state.raw<OrderDetail | null>(null);
  detailError = $state<string | null>(null);
  confirmingCancelAll = $state(false);
  helpOpen = $state(false);
  settingsOpen = $state(false);
  profilesOpen = $state(false);
  logOpen = $state(true);
  /** The working order being modified inline. */
  editingOrderId = $state<number | null>(null);
  /** Whether main is saving history; while `failing`, a persistent banner says why. */
  storage = $state.raw<StorageStatus>({ state: 'ok', message: null, retryInMs: null });
  #blotterMessage = $state.raw<BlotterMessage | null>(null);
  #blotterMessageTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Last blotter action's outcome (cancel, modify, export), shown under the
   * blotter. An info line goes after a few seconds (it would otherwise stand
   * for minutes as if it were news); an error, or an export's result, stays
   * until the next action.
   */
  get blotterMessage(): BlotterMessage | null {
    return this.#blotterMessage;
  }
  set blotterMessage(message: BlotterMessage | null) {
    this.#blotterMessage = message;
    if (this.#blotterMessageTimer) clearTimeout(this.#blotterMessageTimer);
    this.#blotterMessageTimer =
      message?.kind === 'info' && !message.keep
        ? setTimeout(() => {
            if (this.#blotterMessage === message) this.#blotterMessage = null;
          }, BLOTTER_INFO_MS)
        : null;
  }
  /** Asks the user whether to send an order a safety limit stopped (set by the tools). */
  overrideLimit: ((summary: string, message: string) => Promise<boolean>) | null = null;

  #unsubscribe: (() => void) | null = null;
  /** False while a snapshot is being taken: batches until then are in it already. */
  #loaded = false;
  /** Orders showing a derived fill (tradeId null): the only ones a fill batch may reconcile. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  readonly #derivedOrders = new Set<number>();
  /**
   * Notifications of batches since the last frame, shown with the rows they describe:
   * several batches in one frame make one update of the log and the toasts.
   */
  readonly #notes: FrameQueue<Notification>;
  /**
   * Quotes of batches since the last frame, each list with the time it arrived. Applied
   * at once, they made Svelte patch the watchlist, the ladder, the chart and the P&L in
   * the message's own task, and again in the frame for the batch's orders.
   */
  readonly #quotes: FrameQueue<{ quotes: readonly Quote[]; receivedAt: number }>;

  constructor(api: Api, options: { schedule?: (flush: () => void) => void } = {}) {
    this.api = api;
    // Runs work on the next frame (the stores' schedule).
    const schedule = options.schedule ?? nextFrame;
    this.#notes = new FrameQueue((due) => this.notifications.push(due), schedule);
    this.#quotes = new FrameQueue((due) => {
      for (const { quotes, receivedAt } of due) this.market.applyQuotes(quotes, receivedAt);
    }, schedule);
    this.connection = new ConnectionState(api);
    this.trading = new TradingStore(options.schedule);
    this.settings = new SettingsState(api);
    this.notifications = new NotificationsState((n) => {
      if (n.kind === 'fill' && this.settings.soundOnFill) beep();
    });
    // Main announces every reject once (and keeps it as an order); the ticket shows
    // its own line: a second notification here would report each reject twice.
    const onResult = (kind: 'info' | 'reject', message: string, orderId: number | null) => {
      if (kind !== 'reject') this.notifications.local(kind, message, orderId);
    };
    const status = () => this.connection.status;
    // The tools' override dialog, once App has set it (a safety limit stopped a ticket order).
    const overrideLimit = (summary: string, message: string) =>
      this.overrideLimit?.(summary, message) ?? Promise.resolve(false);
    const deps = {
      api,
      market: this.market,
      settings: this.settings,
      onResult,
      status,
      overrideLimit,
    };
    this.ticket = new OrderTicketState(deps);
    this.oco = new OcoTicketState(deps);
    this.blotters = createBlotters(this.trading, { precisionOf: this.market.precisionOf }, api);
  }

  /** Loads the snapshot and subscribes to events. */
  async start(): Promise<void> {
    // Subscribe first so nothing between the snapshot and the subscription is lost. Main
    // flushes its pending batch before taking the snapshot and sends both down one ordered
    // channel, so a batch that arrives before the snapshot is already in it: applying it
    // afterwards would put older rows over newer ones.
    this.#unsubscribe = this.api.onEvents((batch) => {
      if (this.#loaded) this.apply(batch);
    });
    await this.#reload();
  }

  /** Takes a snapshot and applies it; batches meanwhile are in it (see `start`). */
  async #reload(): Promise<void> {
    this.#loaded = false;
    const result = await this.api.getSnapshot();
    if (!result.ok) {
      this.loadError = result.error.message;
      return;
    }
    this.load(result.value);
    this.#loaded = true;
    this.ready = true;
  }

  /** Applies a snapshot. */
  load(s: Snapshot): void {
    this.settings.load(s.settings);
    this.connection.setProfiles(s.profiles);
    this.connection.setStatus(s.connection);
    this.market.setLive(s.connection.state === 'connected');
    this.market.setInstruments(s.instruments);
    this.market.clearQuotes();
    this.market.applyQuotes(s.quotes);
    this.trading.resetOrders(s.orders);
    this.trading.fills.reset(s.fills);
    this.#derivedOrders.clear();
    this.#noteDerivedFills(s.fills);
    this.trading.positions.reset(s.positions);
    this.notifications.push(s.notifications, false);
    this.#restoreLayout();
    const first = this.market.instruments[0]?.symbol;
    const symbol = this.settings.layoutValue('ticket.symbol', first ?? '');
    if (symbol && this.market.instrument(symbol)) {
      this.ticket.setSymbol(symbol);
      this.oco.setSymbol(symbol);
    } else if (first) {
      this.ticket.setSymbol(first);
      this.oco.setSymbol(first);
    }
  }

  /** Applies one event batch from main: O(changed rows) store updates. */
  apply(batch: EventBatch): void {
    if (batch.profileChanged) {
      // Everything shown is the old profile's: show nothing of it, then the new one's snapshot.
      this.trading.resetOrders([]);
      this.trading.fills.reset([]);
      this.trading.positions.reset([]);
      this.#quotes.clear();
      this.market.clearQuotes();
      void this.#reload();
      return;
    }
    const storage = batch.storage?.at(-1);
    if (storage) this.storage = storage;
    const connection = batch.connection?.at(-1);
    if (connection) {
      this.connection.setStatus(connection);
      this.market.setLive(connection.state === 'connected');
    }
    const instruments = batch.instruments?.at(-1);
    if (instruments) this.market.setInstruments(instruments);
    if (batch.quotes) {
      const receivedAt = Date.now();
      this.#quotes.push(batch.quotes.map((quotes) => ({ quotes, receivedAt })));
    }
    if (batch.orders) for (const o of batch.orders) this.trading.upsertOrders(o);
    if (batch.fills) {
      for (const f of batch.fills) this.trading.fills.upsert(f);
      this.#reconcileDerivedFills(batch.fills.flat());
    }
    if (batch.positions) for (const p of batch.positions) this.trading.positions.upsert(p);
    if (batch.notification) this.#notes.push(batch.notification);
  }

  /**
   * Fills arrive append-only, but main replaces a derived fill (executions missed while
   * disconnected) by the exchange's exact ones and deletes it: when a batch touches an
   * order still showing a derived fill, take that order's fills from main as they are now.
   */
  #reconcileDerivedFills(fills: readonly FillRow[]): void {
    // O(batch): the orders showing a derived fill are indexed, not searched for in every fill.
    this.#noteDerivedFills(fills);
    if (this.#derivedOrders.size === 0) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const stale = new Set<number>();
    for (const f of fills) if (this.#derivedOrders.has(f.orderId)) stale.add(f.orderId);
    for (const orderId of stale) {
      void this.api.orderDetail({ orderId }).then((result) => {
        if (!result.ok) return;
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
        const keep = new Set(result.value.fills.map((f) => f.fillId));
        this.trading.fills.remove(
          this.trading.fills
            .current()
            .filter((f) => f.orderId === orderId && !keep.has(f.fillId))
            .map((f) => f.fillId),
        );
        this.trading.fills.upsert(result.value.fills);
        const left = this.trading.fills.current();
        if (!left.some((f) => f.orderId === orderId && isDerivedFill(f)))
          this.#derivedOrders.delete(orderId);
      });
    }
  }

  #noteDerivedFills(fills: readonly FillRow[]): void {
    for (const f of fills) if (isDerivedFill(f)) this.#derivedOrders.add(f.orderId);
  }

  /** Unsubscribes and stops timers. */
  dispose(): void {
    this.#unsubscribe?.();
    this.connection.dispose();
    this.market.dispose();
  }

  // ------------------------------------------------------------ layout

  #restoreLayout(): void {
    const s = this.settings;
    const tab = s.layoutValue<string>('blotter.tab', this.blotterTab);
    if (isBlotterId(tab)) this.blotterTab = tab;
    this.ticketTab = s.layoutValue<string>('ticket.tab', 'single') === 'oco' ? 'oco' : 'single';
    this.logOpen = s.layoutValue('log.open', true);
    for (const spec of BLOTTERS) {
      const saved = s.layoutValue<string>(`sort.${spec.id}`, '');
      this.blotters[spec.id].sort = parseSort(saved, spec.defaultSort);
    }
  }

  /** Switches the blotter tab (remembered). */
  showBlotter(tab: BlotterId): void {
    this.blotterTab = tab;
    this.settings.setLayout('blotter.tab', tab);
  }

  /**
   * The shown blotter, its row type erased for the generic grid components: they only
   * hand its rows back to its own columns, key and order lookup, so no row is mistyped.
   */
  get shownBlotter(): BlotterState<unknown, unknown> {
    return this.blotters[this.blotterTab] as unknown as BlotterState<unknown, unknown>;
  }

  /** Switches the ticket tab (remembered). */
  showTicket(tab: TicketTab): void {
    this.ticketTab = tab;
    this.settings.setLayout('ticket.tab', tab);
  }

  toggleLog(): void {
    this.logOpen = !this.logOpen;
    this.settings.setLayout('log.open', this.logOpen);
  }

  /** Remembers a blotter's sort. */
  rememberSort(blotter: { id: string; sort: SortState | null }): void {
    if (blotter.sort)
      this.settings.setLayout(`sort.${blotter.id}`, `${blotter.sort.columnId}:${blotter.sort.dir}`);
  }

  // ------------------------------------------------------------ actions

  /** Fills the ticket from a watchlist price click. */
  pickPrice(symbol: string, price: number): void {
    this.ticket.fillFromQuote(symbol, price);
    this.oco.setSymbol(symbol);
    this.settings.setLayout('ticket.symbol', symbol);
  }

  /** Cancels one working order. */
  async cancelOrder(orderId: number): Promise<void> {
    const result = await this.api.cancelOrder({ orderId });
    this.blotterMessage = result.ok
      ? { kind: 'info', text: `Cancel sent for order ${orderId}` }
      : { kind: 'error', text: `Cancel ${orderId}: ${result.error.message}` };
    if (!result.ok) this.notifications.local('error', this.blotterMessage.text, orderId);
  }

  /** Cancels the selected working order (Delete key). */
  async cancelSelected(): Promise<void> {
    const row = this.blotters.working.selected;
    if (row) await this.cancelOrder(row.orderId);
  }

  /** Asks before cancelling everything. */
  requestCancelAll(): void {
    if (this.trading.working.length > 0) this.confirmingCancelAll = true;
    else this.blotterMessage = { kind: 'info', text: 'No working orders to cancel' };
  }

  /** Cancels every working order (after confirmation). */
  async cancelAll(): Promise<void> {
    this.confirmingCancelAll = false;
    const result = await this.api.cancelAll();
    if (!result.ok) {
      this.blotterMessage = { kind: 'error', text: `Cancel all: ${result.error.message}` };
      this.notifications.local('error', this.blotterMessage.text);
      return;
    }
    const { requested, cancelled, alreadyFinal, failed } = result.value;
    const done = `Cancel all: ${cancelled} of ${requested} cancelled${alreadyFinal > 0 ? `, ${alreadyFinal} already closed` : ''}`;
    this.blotterMessage =
      failed.length === 0
        ? { kind: 'info', text: done }
        : {
            kind: 'error',
            text: `${done}, ${failed.length} failed (${failed.map((f) => `${f.orderId}: ${f.message}`).join('; ')})`,
          };
  }

  /** Sends an inline modify; returns the error message or null. */
  async modifyOrder(input: {
    orderId: number;
    price?: number;
    stopPrice?: number;
    quantity?: number;
  }): Promise<string | null> {
    const result = await this.api.modifyOrder(input);
    if (result.ok) {
      this.blotterMessage = { kind: 'info', text: `Modify sent for order ${input.orderId}` };
      return null;
    }
    this.blotterMessage = {
      kind: 'error',
      text: `Modify ${input.orderId}: ${result.error.message}`,
    };
    return result.error.message;
  }

  /** Opens an order's detail with its fills. */
  async openDetail(orderId: number): Promise<void> {
    this.detailError = null;
    const result = await this.api.orderDetail({ orderId });
    if (result.ok) this.detail = result.value;
    else {
      this.detail = null;
      this.detailError = result.error.message;
      this.blotterMessage = { kind: 'error', text: `Order ${orderId}: ${result.error.message}` };
    }
  }

  closeDetail(): void {
    this.detail = null;
  }

  /** Exports every row a blotter shows (a history blotter streams every matching stored row). */
  async exportBlotter(tab: BlotterId): Promise<void> {
    const text = await this.blotters[tab].exportCsv(this.api);
    this.blotterMessage = {
      kind: text.startsWith('Export failed') ? 'error' : 'info',
      text,
      keep: true,
    };
  }
}

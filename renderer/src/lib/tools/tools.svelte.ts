/**
 * The trading tools as the renderer sees them: main's tool state (settings,
 * brackets, trailing stops, alerts), depth books, one-click mode, and the one
 * door quick orders go through (ladder, chart menu, watchlist): confirmation
 * unless one-click is on, and the override dialog when a safety limit stops
 * an order. Main enforces the limits; this only asks the user.
 */
import { SvelteMap } from 'svelte/reactivity';
import {
  DEFAULT_TOOL_SETTINGS,
  limitsFor,
  type AlertCondition,
  type Api,
  type EventBatch,
  type InstrumentLimits,
  type IpcError,
  type IpcResult,
  type PlaceOrderInput,
  type PositionActionReport,
  type PriceAlert,
  type ToolsState,
  type TrailDistance,
} from '../../../../shared/ipc';
import type { DepthSnapshot } from '../../../../shared/protocol';
import { shownPrice, shownQty } from '../../../../shared/domain';
import { beep } from '../sound';
import type { AppState } from '../state/app.svelte';

/** A question for the user before something is sent. */
export interface Pending {
  title: string;
  lines: string[];
  /** The button that sends. */
  confirmLabel: string;
  run: () => Promise<void>;
}

/** What a position action does. */
export type PositionCommand = 'close' | 'reverse' | 'flatten';

const EMPTY: ToolsState = {
  settings: DEFAULT_TOOL_SETTINGS,
  brackets: [],
  trailingStops: [],
  alerts: [],
};

/** The Notification API where the page has one. */
function systemNotifications(): typeof Notification | null {
  return typeof Notification === 'undefined' ? null : Notification;
}

export class ToolsUi {
  state = $state.raw<ToolsState>(EMPTY);
  /** The latest depth book of each watched symbol. */
  readonly depth = new SvelteMap<string, DepthSnapshot>();
  /** Whether the server streams depth for a symbol (false: top of book only). */
  readonly depthSupported = new SvelteMap<string, boolean>();
  /** A confirmation waiting for the user. */
  confirming = $state.raw<Pending | null>(null);
  /** An order a safety limit stopped, waiting for a deliberate override. */
  overriding = $state.raw<(Pending & { field: string | null }) | null>(null);
  readonly #api: Api;
  readonly #app: AppState;
  #unsubscribe: (() => void) | null = null;
  /** Told when the open override dialog is dismissed (the ticket waits for the answer). */
  #onDismiss: (() => void) | null = null;

  constructor(api: Api, app: AppState) {
    this.#api = api;
    this.#app = app;
  }

  /** One-click trading: quick orders go without the confirmation dialog. */
  readonly oneClick = $derived(this.state.settings.oneClick);

  /** Loads the tool state and follows main's tool events. */
  async start(): Promise<void> {
    this.#unsubscribe ??= this.#api.onEvents((batch) => this.apply(batch));
    await this.#reload();
  }

  async #reload(): Promise<void> {
    const result = await this.#api.getTools();
    if (result.ok) this.state = result.value;
  }

  /** Stops following events. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Takes the tool events of a batch. */
  apply(batch: EventBatch): void {
    const tools = batch.tools?.at(-1);
    if (tools) this.state = tools;
    for (const book of batch.depth ?? []) this.depth.set(book.symbol, book);
    for (const alert of batch.alertFired ?? []) this.#alertFired(alert);
    if (batch.profileChanged) {
      this.depth.clear();
      this.depthSupported.clear();
      void this.#reload();
    }
  }

  // ------------------------------------------------------------ settings

  /** Turns one-click trading on or off. */
  async setOneClick(on: boolean): Promise<void> {
    await this.#saveSettings({ ...this.state.settings, oneClick: on });
  }

  /** Replaces one instrument's limits (an empty object removes them). */
  async setLimits(symbol: string, limits: InstrumentLimits): Promise<string | null> {
    const all = { ...this.state.settings.limits };
    const defined = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length === 0) delete all[symbol];
    else all[symbol] = defined;
    return this.#saveSettings({ ...this.state.settings, limits: all });
  }

  /** The limits that apply to a symbol (its own, else the `*` entry). */
  limitsOf(symbol: string): InstrumentLimits {
    return limitsFor(this.state.settings.limits, symbol);
  }

  /** The quantity quick orders start with: the instrument's default, else its minimum. */
  defaultQty(symbol: string): number | null {
    return this.limitsOf(symbol).defaultQty ?? this.#app.market.instrument(symbol)?.minQty ?? null;
  }

  async #saveSettings(next: ToolsState['settings']): Promise<string | null> {
    const result = await this.#api.saveToolSettings(next);
    if (!result.ok) return result.error.message;
    this.state = { ...this.state, settings: result.value };
    return null;
  }

  // ------------------------------------------------------------ quick orders

  /**
   * Sends a quick order (ladder, chart menu, watchlist): straight away only in
   * one-click mode, else after the dialog, whatever the ticket's confirmation
   * setting says. One click on a price must not trade unless the trader chose
   * that mode (the chart menu and the watchlist offer quick orders only in it).
   */
  async quickOrder(input: PlaceOrderInput): Promise<void> {
    const summary = this.describe(input);
    const send = () => this.#place(input, summary);
    if (this.oneClick) return send();
    this.confirming = {
      title: 'Send this order?',
      lines: [summary],
      confirmLabel: 'Confirm',
      run: send,
    };
  }

  /** A quick market order of the instrument's default quantity (watchlist, chart menu). */
  async quickMarket(symbol: string, side: 'BUY' | 'SELL'): Promise<void> {
    const quantity = this.defaultQty(symbol);
    if (quantity === null) {
      this.#app.notifications.local('error', `${symbol}: no default quantity known`);
      return;
    }
    await this.quickOrder({ symbol, side, type: 'MARKET', quantity });
  }

  /** Cancels orders (a ladder click on the trader's own orders); one-click rules as for orders. */
  async quickCancel(orderIds: readonly number[], label: string): Promise<void> {
    const send = async () => {
      for (const orderId of orderIds) await this.#app.cancelOrder(orderId);
    };
    if (this.oneClick || !this.#app.settings.confirmOrders) return send();
    this.confirming = {
      title: 'Cancel these orders?',
      lines: [label],
      confirmLabel: 'Cancel orders',
      run: send,
    };
  }

  /** One line for an order: BUY 1,000 EURUSD LIMIT @ 1.08000. */
  describe(input: PlaceOrderInput): string {
    const inst = this.#app.market.instrument(input.symbol);
    const qty = shownQty(input.quantity, inst);
    const at = input.price ?? input.stopPrice;
    const price = at === undefined ? '' : ` @ ${shownPrice(at, inst)}`;
    return `${input.side} ${qty} ${input.symbol} ${input.type}${price}`;
  }

  async #place(input: PlaceOrderInput, summary: string): Promise<void> {
    const result = await this.#api.placeOrder(input);
    this.#report(result, summary, input, (i) => this.#api.placeOrder({ ...i, override: true }));
  }

  /** Tells the outcome; a limit breach opens the override dialog, which resends with `override`. */
  #report<T, I>(
    result: IpcResult<T>,
    summary: string,
    input: I,
    resend: (input: I) => Promise<IpcResult<T>>,
  ): void {
    if (result.ok) {
      this.#app.notifications.local('info', `${summary}: sent`);
      return;
    }
    if (result.error.code === 'LIMIT_EXCEEDED') {
      this.overriding = {
        title: 'Safety limit',
        lines: [summary, result.error.message],
        confirmLabel: 'Override and send',
        field: result.error.field ?? null,
        run: async () => {
          const again = await resend(input);
          if (again.ok)
            this.#app.notifications.local('info', `${summary}: sent (limit overridden)`);
          else this.#app.notifications.local('reject', `${summary}: ${again.error.message}`);
        },
      };
      return;
    }
    this.#app.notifications.local('reject', `${summary}: ${result.error.message}`);
  }

  /** Sends what the open dialog holds. */
  async confirm(): Promise<void> {
    const pending = this.confirming ?? this.overriding;
    this.confirming = null;
    this.overriding = null;
    this.#onDismiss = null;
    await pending?.run();
  }

  /** Drops the open dialog: nothing is sent. */
  dismiss(): void {
    this.confirming = null;
    this.overriding = null;
    this.#onDismiss?.();
    this.#onDismiss = null;
  }

  /** The override dialog for an order another panel sent (the ticket): true to send anyway. */
  askOverride(summary: string, message: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.#onDismiss = () => resolve(false);
      this.overriding = {
        title: 'Safety limit',
        lines: [summary, message],
        confirmLabel: 'Override and send',
        field: null,
        run: async () => resolve(true),
      };
    });
  }

  // ------------------------------------------------------------ positions

  /** Close, reverse or flatten (all, or one symbol), after the confirmation when the setting asks. */
  async positionAction(command: PositionCommand, symbol?: string): Promise<void> {
    const what =
      command === 'flatten'
        ? `Flatten ${symbol ?? 'everything'}: cancel working orders, close positions`
        : `${command === 'close' ? 'Close' : 'Reverse'} the ${symbol ?? ''} position at market`;
    const send = async () => {
      const result =
        command === 'close'
          ? await this.#api.closePosition({ symbol: symbol ?? '' })
          : command === 'reverse'
            ? await this.#api.reversePosition({ symbol: symbol ?? '' })
            : await this.#api.flatten(symbol === undefined ? undefined : { symbol });
      this.#positionReport(what, result, command, symbol);
    };
    if (!this.#app.settings.confirmOrders) return send();
    this.confirming = {
      title:
        command === 'flatten'
          ? 'Flatten?'
          : `${command === 'close' ? 'Close' : 'Reverse'} position?`,
      lines: [what, `On the ${this.#app.connection.isPaper ? 'PAPER' : 'LIVE'} exchange.`],
      confirmLabel: 'Confirm',
      run: send,
    };
  }

  #positionReport(
    what: string,
    result: IpcResult<PositionActionReport>,
    command: PositionCommand,
    symbol: string | undefined,
  ): void {
    if (!result.ok) {
      if (result.error.code === 'LIMIT_EXCEEDED' && command === 'reverse' && symbol) {
        this.overriding = {
          title: 'Safety limit',
          lines: [what, result.error.message],
          confirmLabel: 'Override and reverse',
          field: result.error.field ?? null,
          run: async () => {
            const again = await this.#api.reversePosition({ symbol, override: true });
            this.#positionReport(what, again, command, undefined);
          },
        };
        return;
      }
      this.#app.notifications.local('reject', `${what}: ${result.error.message}`);
      return;
    }
    this.#app.notifications.local(
      result.value.failed.length + result.value.cancelFailed.length > 0 ? 'error' : 'info',
      reportLine(what, result.value),
    );
  }

  // ------------------------------------------------------------ brackets, trails, alerts

  /** Cancels a bracket plan. */
  async cancelBracket(planId: string): Promise<void> {
    this.#failed(await this.#api.cancelBracket({ planId }));
  }

  /** Starts trailing a working stop order. */
  async startTrail(orderId: number, distance: TrailDistance): Promise<string | null> {
    const result = await this.#api.startTrailingStop({ orderId, distance });
    return result.ok ? null : result.error.message;
  }

  /** Stops a trail. */
  async stopTrail(id: string): Promise<void> {
    this.#failed(await this.#api.stopTrailingStop({ id }));
  }

  /** Adds an alert; asks for system notifications the first time. */
  async addAlert(symbol: string, condition: AlertCondition, price: number): Promise<string | null> {
    const system = systemNotifications();
    if (system && system.permission === 'default') void system.requestPermission();
    const result = await this.#api.saveAlert({ symbol, condition, price });
    return result.ok ? null : result.error.message;
  }

  /** Moves an alert to another price (armed again there); the refusal in words, or null. */
  async moveAlert(
    alert: { id: string; symbol: string; condition: AlertCondition },
    price: number,
  ): Promise<string | null> {
    const { id, symbol, condition } = alert;
    const result = await this.#api.saveAlert({ id, symbol, condition, price });
    return result.ok ? null : result.error.message;
  }

  /** Arms a fired alert again. */
  async rearmAlert(id: string): Promise<void> {
    this.#failed(await this.#api.rearmAlert({ id }));
  }

  /** Deletes an alert. */
  async deleteAlert(id: string): Promise<void> {
    this.#failed(await this.#api.deleteAlert({ id }));
  }

  /** A fired alert: a sound, and a system notification where allowed (main's note makes the toast). */
  #alertFired(alert: PriceAlert): void {
    beep(660, 300);
    const system = systemNotifications();
    if (system?.permission === 'granted')
      new system(`${alert.symbol} alert`, {
        body: `${alert.symbol} ${alert.condition} ${alert.price}: ${alert.firedPrice ?? ''}`,
      });
  }

  // ------------------------------------------------------------ depth

  /** Starts a symbol's depth stream; false when the server has none (top of book only). */
  async watchDepth(symbol: string, levels: number): Promise<boolean> {
    const result = await this.#api.watchDepth({ symbol, levels });
    const supported = result.ok && result.value.supported;
    this.depthSupported.set(symbol, supported);
    return supported;
  }

  /** Stops a symbol's depth stream. */
  async unwatchDepth(symbol: string): Promise<void> {
    this.depth.delete(symbol);
    await this.#api.unwatchDepth({ symbol });
  }

  #failed(result: IpcResult<unknown>): void {
    if (!result.ok) this.#app.notifications.local('error', errorLine(result.error));
  }
}

/** The report of a position action in one line. */
export function reportLine(what: string, report: PositionActionReport): string {
  const parts = [`${report.sent} sent`, `${report.filled} filled`];
  if (report.cancelled > 0) parts.push(`${report.cancelled} cancelled`);
  if (report.failed.length > 0)
    parts.push(
      `${report.failed.length} failed (${report.failed.map((f) => f.message).join('; ')})`,
    );
  if (report.cancelFailed.length > 0) parts.push(`${report.cancelFailed.length} cancels failed`);
  return `${what}: ${parts.join(', ')}`;
}

function errorLine(error: IpcError): string {
  return error.message;
}

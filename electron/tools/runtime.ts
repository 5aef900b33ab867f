/**
 * The tools at work: holds the current profile's bracket plans, trailing
 * stops and alerts, feeds them the orders and quotes of every event batch
 * (what the user sees, committed first), stores each new state before acting
 * on it, and carries out their actions through the session. The decisions
 * are the pure machines' (bracket.ts, trailingStop.ts, alerts.ts).
 */
import { trailPrice } from '../../shared/domain';
import type { EventBatch, Notification, OrderRow, Quote } from '../../shared/ipc';
import type { DepthSnapshot } from '../../shared/protocol';
import type {
  BracketPlan,
  BracketSpec,
  PriceAlert,
  ToolSettings,
  ToolsState,
  TrailDistance,
  TrailingStop,
} from '../../shared/ipc/tools';
import type { LiveState } from '../core/liveState';
import type { ExchangeSession, SessionResult } from '../session';
import { alertMessage, rearmAlert, stepAlert } from './alerts';
import {
  isLivePlan,
  newBracketPlan,
  stepBracket,
  type BracketAction,
  type BracketInput,
} from './bracket';
import { limitsFor } from '../../shared/ipc/tools';
import { checkOrderLimits, type LimitBreach, type LimitedOrder } from './limits';
import type { ActionScope } from './positionActions';
import type { ToolStore } from './toolStore';
import { newTrailingStop, stepTrail, type TrailAction, type TrailInput } from './trailingStop';
import type { Side, TickRules } from '../../shared/domain';

/** Events the tools send the renderer, beside the core's batches. */
export interface ToolEvents {
  tools?: ToolsState[];
  alertFired?: PriceAlert[];
  depth?: DepthSnapshot[];
}

/** What the runtime needs from the core. */
export interface ToolsDeps {
  store: ToolStore;
  /** The open session, or null. */
  session(): ExchangeSession | null;
  live(): LiveState;
  notify(kind: Notification['kind'], message: string, orderId: number | null): void;
  now(): number;
  log(line: string): void;
}

/** Ended plans, trails and fired alerts kept for the renderer's list. */
const KEPT_ENDED = 50;

/** The tools of the current profile. */
export class ToolsRuntime {
  private settingsValue: ToolSettings;
  private profileId: string | null = null;
  private readonly brackets = new Map<string, BracketPlan>();
  private readonly trails = new Map<string, TrailingStop>();
  private readonly alerts = new Map<string, PriceAlert>();
  /** Trail id -> stop price of its modify awaiting an answer. */
  private readonly trailPending = new Map<string, number>();
  private readonly listeners = new Set<(events: ToolEvents) => void>();
  /** Depth streams the renderer watches: symbol -> levels (a new session has none). */
  private readonly depthWatched = new Map<string, number>();
  private counter = 0;

  constructor(private readonly deps: ToolsDeps) {
    this.settingsValue = deps.store.settings();
  }

  /** The tool settings. */
  get settings(): ToolSettings {
    return this.settingsValue;
  }

  /** Every tool's state, as the renderer shows it. */
  state(): ToolsState {
    this.ensureProfile();
    return this.stateNoLoad();
  }

  /** Subscribes to the tools' events; returns the unsubscribe. */
  subscribe(listener: (events: ToolEvents) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the tool settings. */
  saveSettings(settings: ToolSettings): ToolSettings {
    this.settingsValue = settings;
    this.deps.store.saveSettings(settings);
    this.changed();
    return settings;
  }

  /** The first limit an order breaches, judged at the symbol's last price (null: none). */
  breach(order: LimitedOrder): LimitBreach | null {
    const live = this.deps.live();
    return checkOrderLimits(
      order,
      limitsFor(this.settingsValue.limits, order.symbol),
      priceOf(live.quotes.get(order.symbol)),
      live.instruments.get(order.symbol),
    );
  }

  // ------------------------------------------------------------ the feed

  /** Passes a depth snapshot on to the renderer (the ladder). */
  onDepth(depth: DepthSnapshot): void {
    if (this.depthWatched.has(depth.symbol)) this.emit({ depth: [depth] });
  }

  /** Remembers a watched symbol (or forgets it: 0 levels) so a reconnect asks for it again. */
  watchDepth(symbol: string, levels: number): void {
    if (levels > 0) this.depthWatched.set(symbol, levels);
    else this.depthWatched.delete(symbol);
  }

  /** Feeds one committed event batch of the core. */
  onBatch(batch: EventBatch): void {
    if (batch.profileChanged) this.profileId = null;
    this.ensureProfile();
    for (const rows of batch.orders ?? []) for (const row of rows) this.onOrder(row);
    for (const quotes of batch.quotes ?? []) for (const quote of quotes) this.onQuote(quote);
  }

  private ensureProfile(): void {
    const profileId = this.deps.live().profileId;
    if (this.profileId === profileId) return;
    this.profileId = profileId;
    this.brackets.clear();
    this.trails.clear();
    this.alerts.clear();
    this.trailPending.clear();
    const log = this.deps.log;
    for (const plan of this.deps.store.load(profileId, 'bracket', log))
      this.brackets.set(plan.id, plan);
    for (const trail of this.deps.store.load(profileId, 'trail', log))
      this.trails.set(trail.id, trail);
    for (const alert of this.deps.store.load(profileId, 'alert', log))
      this.alerts.set(alert.id, alert);
    this.changed();
  }

  private onOrder(row: OrderRow): void {
    for (const plan of [...this.brackets.values()]) {
      if (plan.symbol !== row.symbol || !row.clientOrderId.startsWith(`${plan.id}-`)) continue;
      this.stepPlan(plan.id, { kind: 'order', row });
    }
    for (const trail of [...this.trails.values()])
      if (trail.orderId === row.orderId) this.stepTrailOf(trail.id, { kind: 'order', row });
  }

  private onQuote(quote: Quote): void {
    for (const trail of [...this.trails.values()]) {
      if (trail.symbol !== quote.symbol || trail.state !== 'trailing') continue;
      const price = trailPrice(trail.side, quote);
      if (price !== null) this.stepTrailOf(trail.id, { kind: 'price', price });
    }
    const price = priceOf(quote);
    if (price === null) return;
    for (const alert of [...this.alerts.values()]) {
      if (alert.symbol !== quote.symbol || !alert.armed) continue;
      const step = stepAlert(alert, price, this.deps.now());
      // Only a firing is worth a write; the last price of an armed crossing alert lives in memory.
      this.alerts.set(alert.id, step.alert);
      if (step.fired) {
        this.persistAlert(step.alert);
        this.deps.notify('info', alertMessage(step.alert), null);
        this.emit({ alertFired: [step.alert] });
        this.changed();
      }
    }
  }

  /** After a (re)connect's resync: depth streams are asked for again; each live plan finds out what still needs doing. */
  afterResync(): void {
    this.ensureProfile();
    const session = this.deps.session();
    for (const [symbol, levels] of this.depthWatched) void session?.depth(symbol, levels);
    for (const plan of [...this.brackets.values()])
      if (isLivePlan(plan)) this.stepPlan(plan.id, { kind: 'resync' });
  }

  // ------------------------------------------------------------ brackets

  /** A new plan for an entry about to be sent; its entry's clientOrderId is in the plan. */
  openBracket(
    entry: { symbol: string; side: Side; login: string },
    spec: BracketSpec,
  ): BracketPlan {
    this.ensureProfile();
    const plan = newBracketPlan({ id: this.nextId('bk'), ...entry, spec, now: this.deps.now() });
    this.brackets.set(plan.id, plan);
    this.persistPlan(plan);
    this.changed();
    return plan;
  }

  /** The entry was refused (or never left): the plan ends without acting. */
  bracketEntryFailed(planId: string, message: string): void {
    const plan = this.brackets.get(planId);
    if (!plan) return;
    const ended: BracketPlan = {
      ...plan,
      state: 'cancelled',
      reason: `Entry refused: ${message}`,
      updatedAt: this.deps.now(),
    };
    this.brackets.set(planId, ended);
    this.persistPlan(ended);
    this.changed();
  }

  /** The user cancels a plan (entry and exits). */
  cancelBracket(planId: string): boolean {
    if (!this.brackets.has(planId)) return false;
    this.stepPlan(planId, { kind: 'cancel' });
    return true;
  }

  /**
   * The user is closing positions in scope: their plans end, and the orderIds
   * their exits and entries need cancelled are returned (the caller cancels
   * them before closing, so no exit trades against the close).
   */
  endPlansFor(scope: ActionScope): number[] {
    const cancels: number[] = [];
    for (const plan of [...this.brackets.values()]) {
      if (!isLivePlan(plan)) continue;
      if (scope.symbol !== undefined && plan.symbol !== scope.symbol) continue;
      if (scope.login !== undefined && plan.login !== scope.login) continue;
      const actions = this.stepPlan(plan.id, { kind: 'positionClosed' }, false);
      for (const a of actions) if (a.kind === 'cancel') cancels.push(a.orderId);
    }
    return cancels;
  }

  /** Runs one step of a plan: stores the new plan first, then acts (unless `act` is false). */
  private stepPlan(planId: string, input: BracketInput, act = true): BracketAction[] {
    const plan = this.brackets.get(planId);
    if (!plan) return [];
    const step = stepBracket(plan, input, {
      rules: this.rulesOf(plan.symbol),
      now: this.deps.now(),
    });
    this.brackets.set(planId, step.plan);
    if (JSON.stringify(step.plan) !== JSON.stringify(plan)) {
      this.persistPlan(step.plan);
      this.changed();
    }
    if (act) for (const action of step.actions) void this.actOnPlan(planId, action);
    return step.actions;
  }

  private async actOnPlan(planId: string, action: BracketAction): Promise<void> {
    const session = this.deps.session();
    switch (action.kind) {
      case 'notify':
        this.deps.notify(action.level, action.message, null);
        return;
      case 'cancel': {
        if (!session?.connected) return;
        const live = this.deps.live();
        live.expectUserAction(action.orderId, 'cancel');
        const result = await session.cancelOrder({
          orderId: action.orderId,
          clientOrderId: live.store.get(action.orderId)?.clientOrderId,
        });
        if (!result.ok) live.forgetUserAction(action.orderId);
        return;
      }
      case 'modifyQty': {
        if (!session?.connected) return;
        const live = this.deps.live();
        live.expectUserAction(action.orderId, 'modify');
        const result = await session.modifyOrder({
          orderId: action.orderId,
          clientOrderId: live.store.get(action.orderId)?.clientOrderId,
          quantity: action.qty,
        });
        if (!result.ok) {
          live.forgetUserAction(action.orderId);
          if (result.error.kind === 'exchange')
            this.stepPlan(planId, { kind: 'modifyFailed', message: result.error.message });
        }
        return;
      }
      case 'placeExits': {
        // Not connected: the plan stays `placing`; the next connect looks the exits up first.
        if (!session?.connected) return;
        const result = await sendExits(session, action);
        // A lost reply is settled by the session's lookup; a refusal ends the plan loudly.
        if (!result.ok && result.error.kind === 'exchange')
          this.stepPlan(planId, { kind: 'placeFailed', message: result.error.message });
        return;
      }
      case 'lookUp': {
        if (!session?.connected) return;
        const live = this.deps.live();
        if (action.clientOrderIds.some((id) => live.store.byClientOrderId(id) !== undefined)) {
          for (const id of action.clientOrderIds) {
            const row = live.store.byClientOrderId(id);
            if (row) this.stepPlan(planId, { kind: 'order', row });
          }
          return;
        }
        const results = await Promise.all(
          action.clientOrderIds.map((clientOrderId) => session.lookUp({ clientOrderId })),
        );
        // Found: the reply went through the store and the next batch feeds the plan.
        const absent = results.every(
          (r) => !r.ok && r.error.kind === 'exchange' && r.error.meaning === 'unknown_order',
        );
        if (absent) this.stepPlan(planId, { kind: 'absent', what: action.what });
        return;
      }
    }
  }

  // ------------------------------------------------------------ trailing stops

  /** Starts trailing a working STOP order from its current stop price. */
  startTrail(order: OrderRow, distance: TrailDistance): TrailingStop {
    this.ensureProfile();
    const trail = newTrailingStop({ id: this.nextId('tr'), order, distance, now: this.deps.now() });
    this.trails.set(trail.id, trail);
    this.persistTrail(trail);
    this.changed();
    const quote = this.deps.live().quotes.get(order.symbol);
    if (quote) this.onQuote(quote);
    return trail;
  }

  /** Stops a trail (the stop order stays where it is). */
  stopTrail(id: string): boolean {
    if (!this.trails.has(id)) return false;
    this.stepTrailOf(id, { kind: 'stop' });
    return true;
  }

  private stepTrailOf(id: string, input: TrailInput): void {
    const trail = this.trails.get(id);
    if (!trail) return;
    const step = stepTrail(trail, input, {
      rules: this.rulesOf(trail.symbol),
      now: this.deps.now(),
      pending: this.trailPending.get(id) ?? null,
    });
    this.trails.set(id, step.trail);
    if (step.trail.stopPrice !== trail.stopPrice || step.trail.state !== trail.state) {
      this.persistTrail(step.trail);
      this.changed();
    }
    for (const action of step.actions) void this.actOnTrail(id, action);
  }

  private async actOnTrail(id: string, action: TrailAction): Promise<void> {
    if (action.kind === 'notify') {
      this.deps.notify(action.level, action.message, null);
      return;
    }
    const session = this.deps.session();
    if (!session?.connected) return;
    this.trailPending.set(id, action.stopPrice);
    const live = this.deps.live();
    live.expectUserAction(action.orderId, 'modify');
    const result = await session.modifyOrder({
      orderId: action.orderId,
      clientOrderId: live.store.get(action.orderId)?.clientOrderId,
      stopPrice: action.stopPrice,
      ...(action.limitPrice !== undefined && { price: action.limitPrice }),
    });
    this.trailPending.delete(id);
    if (!result.ok) live.forgetUserAction(action.orderId);
    this.stepTrailOf(id, {
      kind: 'modified',
      ok: result.ok,
      stopPrice: action.stopPrice,
      ...(!result.ok && { message: result.error.message }),
    });
  }

  // ------------------------------------------------------------ alerts

  /** Adds or replaces an alert (armed). */
  saveAlert(
    fields: Pick<PriceAlert, 'symbol' | 'condition' | 'price'> & { id?: string | undefined },
  ): PriceAlert {
    this.ensureProfile();
    const alert: PriceAlert = {
      id: fields.id ?? this.nextId('al'),
      symbol: fields.symbol,
      condition: fields.condition,
      price: fields.price,
      armed: true,
      lastPrice: null,
      firedAt: null,
      firedPrice: null,
      createdAt: this.deps.now(),
    };
    this.alerts.set(alert.id, alert);
    this.persistAlert(alert);
    this.changed();
    return alert;
  }

  /** Arms a fired alert again; false: no such alert. */
  rearm(id: string): boolean {
    const alert = this.alerts.get(id);
    if (!alert) return false;
    const armed = rearmAlert(alert);
    this.alerts.set(id, armed);
    this.persistAlert(armed);
    this.changed();
    return true;
  }

  /** Deletes an alert; false: no such alert. */
  deleteAlert(id: string): boolean {
    if (!this.alerts.delete(id) || !this.profileId) return false;
    this.deps.store.remove(this.profileId, 'alert', id);
    this.changed();
    return true;
  }

  // ------------------------------------------------------------ plumbing

  private rulesOf(symbol: string): TickRules | null {
    const info = this.deps.live().instruments.get(symbol);
    return info ? { tickSize: info.tickSize, pricePrecision: info.pricePrecision } : null;
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.deps.now().toString(36)}${this.counter.toString(36)}`;
  }

  private persistPlan(plan: BracketPlan): void {
    if (this.profileId)
      this.deps.store.save(this.profileId, 'bracket', plan.id, plan, plan.updatedAt);
    this.prune(this.brackets, 'bracket', (p) => !isLivePlan(p));
  }

  private persistTrail(trail: TrailingStop): void {
    if (this.profileId)
      this.deps.store.save(this.profileId, 'trail', trail.id, trail, trail.updatedAt);
    this.prune(this.trails, 'trail', (t) => t.state === 'ended');
  }

  private persistAlert(alert: PriceAlert): void {
    if (this.profileId)
      this.deps.store.save(this.profileId, 'alert', alert.id, alert, this.deps.now());
  }

  /** Keeps the newest ended entries only (they are shown, never acted on). */
  private prune<T extends { id: string }>(
    map: Map<string, T>,
    kind: 'bracket' | 'trail',
    ended: (value: T) => boolean,
  ): void {
    const done = [...map.values()].filter(ended);
    for (const old of done.slice(0, Math.max(0, done.length - KEPT_ENDED))) {
      map.delete(old.id);
      if (this.profileId) this.deps.store.remove(this.profileId, kind, old.id);
    }
  }

  private changed(): void {
    this.emit({ tools: [this.stateNoLoad()] });
  }

  private stateNoLoad(): ToolsState {
    return {
      settings: this.settingsValue,
      brackets: [...this.brackets.values()],
      trailingStops: [...this.trails.values()],
      alerts: [...this.alerts.values()],
    };
  }

  private emit(events: ToolEvents): void {
    for (const listener of this.listeners) listener(events);
  }
}

/**
 * Sends a plan's exits: both legs as one OCO (a LIMIT take-profit and a STOP
 * stop-loss), or the one leg alone as a single order, each under the
 * clientOrderId the plan derived for it.
 */
function sendExits(
  session: ExchangeSession,
  action: Extract<BracketAction, { kind: 'placeExits' }>,
): Promise<SessionResult<unknown>> {
  const { takeProfit, stopLoss } = action;
  const common = {
    symbol: action.symbol,
    side: action.side,
    quantity: action.qty,
    login: action.login,
  };
  if (takeProfit && stopLoss)
    return session.placeOco({
      ...common,
      orders: [
        { type: 'LIMIT', price: takeProfit.price, clientOrderId: takeProfit.clientOrderId },
        { type: 'STOP', stopPrice: stopLoss.stopPrice, clientOrderId: stopLoss.clientOrderId },
      ],
    });
  if (takeProfit)
    return session.placeOrder({
      ...common,
      type: 'LIMIT',
      price: takeProfit.price,
      clientOrderId: takeProfit.clientOrderId,
    });
  if (stopLoss)
    return session.placeOrder({
      ...common,
      type: 'STOP',
      stopPrice: stopLoss.stopPrice,
      clientOrderId: stopLoss.clientOrderId,
    });
  // The machine never asks for exits without a leg; answering a refusal ends such a plan loudly.
  return Promise.resolve({
    ok: false,
    error: { kind: 'exchange', code: null, meaning: 'other', message: 'no exit leg to place' },
  });
}

/** The price tools judge by: the last trade, else the mid (null: no quote). */
function priceOf(quote: Quote | undefined): number | null {
  if (!quote) return null;
  if (quote.last !== null) return quote.last;
  if (quote.bid !== null && quote.ask !== null) return (quote.bid + quote.ask) / 2;
  return null;
}

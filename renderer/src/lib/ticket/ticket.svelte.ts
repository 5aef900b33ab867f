/** The single-order and OCO tickets: drafts, inline validation, submission. */
import type {
  Api,
  BracketPlan,
  BracketSpec,
  ConnectionStatus,
  IpcError,
  IpcResult,
  PlaceOcoInput,
  PlaceOrderInput,
  PlacedOrder,
  TrailDistance,
  TrailingStop,
} from '../../../../shared/ipc';
import {
  formatPrice,
  formatQty,
  formatStopDistance,
  type Instrument,
  type AnyTimeInForce,
  type OrderType,
  type Side,
} from '../../../../shared/domain';
import { formatGrouped } from '../format';
import type { MarketStore } from '../state/market.svelte';
import type { SettingsState } from '../state/settings.svelte';
import {
  estimateNotional,
  fitOcoTimeInForce,
  lifetimeField,
  ocoInputErrors,
  ocoTimesInForce,
  orderInputErrors,
  unknownRulesLine,
  validateOco,
  validateOrder,
  type OcoTimeInForce,
  type FieldErrors,
  type OcoDraft,
  type OcoField,
  type OrderDraft,
  type OrderField,
  type Validated,
  parseDecimal,
} from './validation';
import { serverTerms } from './serverTerms';
import {
  bracketAttached,
  bracketInputErrors,
  describeSpec,
  emptyBracketDraft,
  exitsGo,
  entryPrice,
  previewSide,
  ticksAllowed,
  validateBracket,
  type BracketDraft,
  type ExitLeg,
  type SidePreview,
} from './bracketLegs';
import { fitTimeInForce, timeInForceFor } from './timeInForce';
import {
  emptyTrailDraft,
  previewTrail,
  trailInputError,
  trailOffer,
  trailRefused,
  trailStarted,
  validateTrail,
  type TrailDraft,
  type TrailPreview,
} from './trailTicket';

/** Where a submission stands; `rejected` carries the exchange's message verbatim. */
export type SubmitState =
  | { kind: 'idle' }
  | { kind: 'pending'; summary: string }
  /** `warning`: the order went, but something asked with it did not (a trail that could not start). */
  | { kind: 'accepted'; summary: string; message: string; warning?: string }
  | { kind: 'rejected'; summary: string; message: string }
  /** The user backed out of the confirmation: nothing was sent. */
  | { kind: 'cancelled'; summary: string };

/** A one-line description of an order for confirmations and status lines. */
export function describeOrder(input: PlaceOrderInput, inst: Instrument): string {
  const qty = formatGrouped(input.quantity, inst.qtyPrecision);
  const px = (v: number | undefined) => (v === undefined ? '' : formatPrice(v, inst));
  const parts = [input.side, qty, input.symbol, input.type.replace('_', ' ')];
  if (input.price !== undefined) parts.push(`limit ${px(input.price)}`);
  if (input.stopPrice !== undefined) parts.push(`stop ${px(input.stopPrice)}`);
  parts.push(input.timeInForce ?? 'GTC');
  return parts.join(' ');
}

/**
 * An order from the single ticket: an entry, with its take-profit and
 * stop-loss when attached, or a stop order with the trail to start once the
 * exchange has accepted it.
 */
export type TicketOrder = PlaceOrderInput & { bracket?: BracketSpec; trail?: TrailDistance };

/** How starting the trail went: main's trail, or the reason it refused. */
export type TrailOutcome = { ok: true; trail: TrailingStop } | { ok: false; message: string };

/** What the single ticket placed: the order, the bracket plan main made for it, the trail it started. */
export interface TicketPlaced {
  order: PlacedOrder;
  plan: BracketPlan | null;
  /** The stop price the order went at (where a trail starts, or where the stop stays). */
  stopPrice?: number;
  /** null: no trail was asked for. */
  trail: TrailOutcome | null;
}

/** A one-line description of a ticket order, its exits or its trail included. */
export function describeTicketOrder(input: TicketOrder, inst: Instrument): string {
  const order = describeOrder(input, inst);
  if (input.bracket) return `${order} · ${describeSpec(input.bracket, inst)}`;
  return input.trail ? `${order} · trail ${formatStopDistance(input.trail)}` : order;
}

/** A one-line description of an OCO pair. */
export function describeOco(input: PlaceOcoInput, inst: Instrument): string {
  const qty = formatGrouped(input.quantity, inst.qtyPrecision);
  const px = (v: number) => formatPrice(v, inst);
  return `OCO ${input.side} ${qty} ${input.symbol}: limit ${px(input.limitPrice)} / ${input.stopType.replace('_', ' ').toLowerCase()} ${px(input.stopPrice)}`;
}

function rejectMessage(error: IpcError): string {
  return error.message;
}

interface Deps {
  api: Api;
  market: MarketStore;
  /** The connection (its server's terms: times in force, Till, notes); absent: not connected. */
  status?: () => ConnectionStatus;
  settings: SettingsState;
  /** Clock (tests pass a fixed one). */
  now?: () => number;
  /** Told about accepted and rejected orders (log panel). */
  onResult?: (kind: 'info' | 'reject', message: string, orderId: number | null) => void;
  /** Asks whether to send an order a safety limit stopped anyway (true: resend with `override`). */
  overrideLimit?: (summary: string, message: string) => Promise<boolean>;
}

/** Fields named in order, for focusing the first invalid one. */
export const ORDER_FIELDS: readonly OrderField[] = [
  'symbol',
  'quantity',
  'price',
  'stopPrice',
  'timeInForce',
  'expires',
  'note',
];

/** What a draft needs for the shared ticket flow. */
interface TicketDraft {
  symbol: string;
  quantity: string;
}

/** The status line and log entry of an accepted submission. */
interface Accepted {
  message: string;
  orderId: number | null;
  /** What did not go as asked although the order was placed. */
  warning?: string;
}

/**
 * The flow both tickets share: symbol picking, send after validation (and
 * confirmation when the setting asks for it), placing and reporting the outcome.
 */
abstract class TicketState<Draft extends TicketDraft, Input, Placed> {
  abstract draft: Draft;
  /** Errors shown inline (set when the user tries to send, kept live afterwards). */
  protected attempted = $state(false);
  protected now = $state(Date.now());
  submit = $state.raw<SubmitState>({ kind: 'idle' });
  /** An order waiting for the user's confirmation. */
  confirming = $state.raw<{ input: Input; summary: string } | null>(null);
  protected readonly deps: Deps;

  constructor(deps: Deps) {
    this.deps = deps;
  }

  readonly instrument = $derived.by(() => this.deps.market.instrument(this.draft.symbol));
  /** What the connected server lets an order carry. */
  readonly terms = $derived.by(() => serverTerms(this.deps.status?.()));
  /** The line shown when no rules are known for the instrument (nothing is checked but the numbers). */
  readonly unknownRules = $derived(unknownRulesLine(this.instrument));

  readonly pending = $derived(this.submit.kind === 'pending');

  /** Picks a symbol; resets the quantity to the instrument's minimum when empty or invalid. */
  setSymbol(symbol: string): void {
    this.draft.symbol = symbol;
    const inst = this.deps.market.instrument(symbol);
    // Without known rules the minimum is no guide: the user types the quantity.
    if (inst && inst.rules !== 'unknown' && this.draft.quantity === '')
      this.draft.quantity = formatQty(inst.minQty, inst);
  }

  /** Sends the order waiting for confirmation. */
  async confirm(): Promise<void> {
    const c = this.confirming;
    this.confirming = null;
    if (c) await this.#place(c.input, c.summary);
  }

  /** Drops the order waiting for confirmation; the status line says it was not sent. */
  cancelConfirm(): void {
    const c = this.confirming;
    this.confirming = null;
    if (c) this.submit = { kind: 'cancelled', summary: c.summary };
  }

  protected abstract describe(input: Input, inst: Instrument): string;
  /** Sends `input`; `override` only from the safety-limit override dialog. */
  protected abstract request(input: Input, override: boolean): Promise<IpcResult<Placed>>;
  protected abstract accepted(placed: Placed): Accepted;

  /**
   * Validates the draft with `check` (given the send time) and sends the
   * result. Returns false when nothing was sent because of errors.
   */
  protected async sendChecked(
    check: (now: number) => { ok: true; input: Input } | { ok: false },
  ): Promise<boolean> {
    if (this.pending) return false;
    // The status line speaks of the last action only: a new attempt clears the previous outcome.
    this.submit = { kind: 'idle' };
    this.now = this.deps.now?.() ?? Date.now();
    this.attempted = true;
    const result = check(this.now);
    if (!result.ok || !this.instrument) return false;
    const summary = this.describe(result.input, this.instrument);
    if (this.deps.settings.confirmOrders) {
      this.confirming = { input: result.input, summary };
      return true;
    }
    await this.#place(result.input, summary);
    return true;
  }

  async #place(input: Input, summary: string): Promise<void> {
    this.submit = { kind: 'pending', summary };
    let result = await this.request(input, false);
    // Main's safety limits stop it: only the deliberate override dialog sends it anyway.
    if (
      !result.ok &&
      result.error.code === 'LIMIT_EXCEEDED' &&
      (await this.deps.overrideLimit?.(summary, result.error.message))
    )
      result = await this.request(input, true);
    if (result.ok) {
      const { message, orderId, warning } = this.accepted(result.value);
      this.submit = { kind: 'accepted', summary, message, ...(warning && { warning }) };
      this.attempted = false;
      const logged = warning ? `${message}; ${warning}` : message;
      this.deps.onResult?.('info', `${summary}: ${logged}`, orderId);
    } else {
      const message = rejectMessage(result.error);
      this.submit = { kind: 'rejected', summary, message };
      this.deps.onResult?.('reject', `${summary}: ${message}`, null);
    }
  }
}

export class OrderTicketState extends TicketState<OrderDraft, TicketOrder, TicketPlaced> {
  draft = $state<OrderDraft>({
    symbol: '',
    type: 'LIMIT',
    quantity: '',
    price: '',
    stopPrice: '',
    timeInForce: 'GTC',
    expires: '',
    note: '',
  });

  /** Take-profit and stop-loss as typed (sent only while the section is open). */
  bracket = $state<BracketDraft>(emptyBracketDraft());
  /**
   * Whether the "Attach TP/SL" section is open: closed at first, then as the
   * user left it for as long as the app runs. Closed, nothing is attached:
   * what the ticket sends is what it shows.
   */
  bracketOpen = $state(false);
  /** The side of the last send attempt: the legs' errors are for that side. */
  #attemptedSide = $state<Side>('BUY');

  /** The legs go with the order: the section is open and at least one is set. */
  readonly bracketOn = $derived(this.bracketOpen && bracketAttached(this.bracket));
  /** Tick distances are offered only where the instrument's tick is known. */
  readonly ticksOffered = $derived(ticksAllowed(this.instrument));

  /** The price an entry on `side` is expected to fill at (null: not known yet). */
  entryPriceFor(side: Side): number | null {
    return entryPrice(this.draft, side, this.deps.market.quotes.get(this.draft.symbol));
  }

  /** Inline errors of the legs: all of them (for the side tried) after a send attempt, unreadable text at once. */
  readonly bracketErrors: FieldErrors<ExitLeg> = $derived.by(() => {
    const inst = this.instrument;
    if (!this.bracketOn) return {};
    if (!this.attempted || !inst) return bracketInputErrors(this.bracket);
    const side = this.#attemptedSide;
    const checked = validateBracket(this.bracket, side, this.entryPriceFor(side), inst);
    return checked.ok ? {} : checked.errors;
  });

  /** What the legs come to for a buy and for a sell, with the P&L of the ticket's quantity. */
  readonly bracketPreview: SidePreview[] = $derived.by(() => {
    const inst = this.instrument;
    if (!this.bracketOn || !inst) return [];
    const qty = parseDecimal(this.draft.quantity);
    return (['BUY', 'SELL'] as const).map((side) =>
      previewSide(this.bracket, side, this.entryPriceFor(side), qty, inst),
    );
  });

  /** Opens or closes the "Attach TP/SL" section. */
  setBracketOpen(open: boolean): void {
    this.bracketOpen = open;
  }

  /**
   * The trail as typed. Like the TP/SL section, it stays as the user left it
   * for as long as the app runs (across order types and tabs): a stop order
   * typed again trails the same way.
   */
  trail = $state<TrailDraft>(emptyTrailDraft());
  /** Whether the Trail choice is shown for the order type, and why it is disabled. */
  readonly trailOffer = $derived(trailOffer(this.draft.type, this.bracketOn));
  /** The trail goes with the order: offered, usable, and set. */
  readonly trailOn = $derived(
    this.trailOffer.shown && this.trailOffer.disabledWhy === null && this.trail.mode !== 'off',
  );

  /** The trail's inline error: all of them after a send attempt, unreadable text at once. */
  readonly trailError: string | null = $derived.by(() => {
    const inst = this.instrument;
    if (!this.trailOn) return null;
    if (!this.attempted || !inst) return trailInputError(this.trail);
    const checked = validateTrail(this.trail, inst);
    return checked.ok ? null : (checked.errors.trail ?? null);
  });

  /** Where the stop starts and where the trail would move it at the market now, for a buy and a sell. */
  readonly trailPreview: TrailPreview[] = $derived.by(() => {
    const inst = this.instrument;
    if (!this.trailOn || !inst) return [];
    const stop = parseDecimal(this.draft.stopPrice);
    const distance = validateTrail(this.trail, inst);
    if (stop === null || stop <= 0 || !distance.ok || !distance.input) return [];
    const quote = this.deps.market.quotes.get(this.draft.symbol);
    const trail = distance.input;
    const limit = this.draft.type === 'STOP_LIMIT' ? parseDecimal(this.draft.price) : null;
    const limitOk = limit !== null && limit > 0 ? limit : null;
    return (['BUY', 'SELL'] as const).map((side) =>
      previewTrail(stop, side, trail, quote, inst, limitOk),
    );
  });

  /** The times in force offered for the order type (the server's when connected). */
  readonly timesInForce = $derived(
    timeInForceFor(this.draft.type, this.terms.timesInForce[this.draft.type]),
  );
  /** The time in force the order goes with: the one picked when offered, else the first offered. */
  readonly timeInForce = $derived(
    fitTimeInForce(
      this.draft.type,
      this.draft.timeInForce,
      this.terms.timesInForce[this.draft.type],
    ),
  );
  /** The lifetime field shown: GTT's required expiry, the server's optional Till, or none. */
  readonly lifetime = $derived(lifetimeField(this.timeInForce, this.terms));

  /** Validation of the current draft (side does not change any rule). */
  readonly validation = $derived(
    validateOrder(this.draft, 'BUY', this.instrument, this.now, this.terms),
  );

  /** Inline errors to show: all of them after a send attempt, separators as soon as typed. */
  readonly errors: FieldErrors<OrderField> = $derived(
    this.attempted && !this.validation.ok ? this.validation.errors : orderInputErrors(this.draft),
  );

  /**
   * Changes the order type. The time in force picked stays picked: when the
   * new type is not offered it, the first offered is used, and the pick comes
   * back with a type that has it.
   */
  setType(type: OrderType): void {
    this.draft.type = type;
  }

  /** Picks the time in force (among those offered for the order type). */
  setTimeInForce(tif: AnyTimeInForce): void {
    this.draft.timeInForce = tif;
  }

  /** Estimated notional in the quote currency, or null. */
  readonly notional = $derived.by(() => {
    const market = this.deps.market;
    return estimateNotional(this.draft, market.lastPrice(this.draft.symbol));
  });

  /** Fills symbol and limit price from a watchlist click. */
  fillFromQuote(symbol: string, price: number): void {
    this.setSymbol(symbol);
    const inst = this.deps.market.instrument(symbol);
    const text = inst ? formatPrice(price, inst) : String(price);
    if (this.draft.type === 'STOP') this.draft.stopPrice = text;
    else {
      if (this.draft.type === 'MARKET') this.setType('LIMIT');
      this.draft.price = text;
    }
  }

  /**
   * Sends the ticket as `side` after validation (and confirmation when the
   * setting asks for it). Returns false when nothing was sent because of errors.
   */
  send(side: Side): Promise<boolean> {
    this.#attemptedSide = side;
    return this.sendChecked((now): Validated<OrderField, TicketOrder> => {
      const order = validateOrder(this.draft, side, this.instrument, now, this.terms);
      const inst = this.instrument;
      if (this.trailOn && inst) {
        // Both are checked before anything is sent, so every error shows at once.
        const trail = validateTrail(this.trail, inst);
        if (!order.ok || !trail.ok) return { ok: false, errors: order.ok ? {} : order.errors };
        return trail.input ? { ok: true, input: { ...order.input, trail: trail.input } } : order;
      }
      if (!this.bracketOn || !inst) return order;
      // Both are checked before anything is sent, so every error shows at once.
      const legs = validateBracket(this.bracket, side, this.entryPriceFor(side), inst);
      if (!order.ok || !legs.ok) return { ok: false, errors: order.ok ? {} : order.errors };
      return legs.input ? { ok: true, input: { ...order.input, bracket: legs.input } } : order;
    });
  }

  protected describe(input: TicketOrder, inst: Instrument): string {
    return describeTicketOrder(input, inst);
  }

  protected async request(input: TicketOrder, override: boolean): Promise<IpcResult<TicketPlaced>> {
    const { bracket, trail, ...order } = input;
    const entry: PlaceOrderInput = override ? { ...order, override: true } : order;
    if (bracket) {
      // Main stores the plan before it sends the entry, and places the exits when the entry fills.
      const placed = await this.deps.api.placeBracket({ entry, bracket });
      return placed.ok ? { ok: true, value: { ...placed.value, trail: null } } : placed;
    }
    const placed = await this.deps.api.placeOrder(entry);
    if (!placed.ok) return placed;
    const value: TicketPlaced = { order: placed.value, plan: null, trail: null };
    if (order.stopPrice !== undefined) value.stopPrice = order.stopPrice;
    if (!trail) return { ok: true, value };
    // Main trails only an order the exchange has accepted: it is asked once the order has its id.
    const started = await this.deps.api.startTrailingStop({
      orderId: placed.value.orderId,
      distance: trail,
    });
    value.trail = started.ok
      ? { ok: true, trail: started.value }
      : { ok: false, message: started.error.message };
    return { ok: true, value };
  }

  protected accepted({ order, plan, trail, stopPrice }: TicketPlaced): Accepted {
    const message = `Order ${order.orderId} ${order.status}`;
    const orderId = order.orderId;
    if (plan)
      return {
        message: `${message}; bracket plan ${plan.id} created: ${exitsGo(plan.spec)} out when the entry fills`,
        orderId,
      };
    const inst = this.instrument;
    if (trail?.ok)
      return {
        message: `${message}; ${trailStarted(trail.trail.distance, stopPrice, inst)}`,
        orderId,
      };
    if (trail) return { message, orderId, warning: trailRefused(trail.message, stopPrice, inst) };
    return { message, orderId };
  }
}

export class OcoTicketState extends TicketState<OcoDraft, PlaceOcoInput, PlacedOrder[]> {
  draft = $state<OcoDraft>({
    symbol: '',
    side: 'SELL',
    quantity: '',
    limitPrice: '',
    stopType: 'STOP',
    stopPrice: '',
    stopLimitPrice: '',
    timeInForce: 'GTC',
    expires: '',
  });

  readonly last = $derived.by(() => this.deps.market.lastPrice(this.draft.symbol));
  /** The times in force offered (an OCO's, less those the server lacks for either leg). */
  readonly timesInForce = $derived(ocoTimesInForce(this.draft.stopType, this.terms));
  /** The time in force the pair goes with: the one picked when offered, else the first offered. */
  readonly timeInForce = $derived(fitOcoTimeInForce(this.draft, this.terms));
  /** The lifetime field shown: GTT's required expiry, the server's optional Till, or none. */
  readonly lifetime = $derived(lifetimeField(this.timeInForce, this.terms));
  readonly validation = $derived(
    validateOco(this.draft, this.instrument, this.last, this.now, this.terms),
  );
  readonly errors: FieldErrors<OcoField> = $derived(
    this.attempted && !this.validation.ok ? this.validation.errors : ocoInputErrors(this.draft),
  );
  /** The price-rule error, shown live (not only after an attempt) when both prices are valid. */
  readonly ruleError = $derived(this.validation.ok ? null : (this.validation.errors.rule ?? null));

  /** Picks the time in force (among those offered). */
  setTimeInForce(tif: OcoTimeInForce): void {
    this.draft.timeInForce = tif;
  }

  /** Validates and sends the OCO pair. */
  send(): Promise<boolean> {
    return this.sendChecked((now) =>
      validateOco(this.draft, this.instrument, this.last, now, this.terms),
    );
  }

  protected describe(input: PlaceOcoInput, inst: Instrument): string {
    return describeOco(input, inst);
  }

  protected request(input: PlaceOcoInput, override: boolean): Promise<IpcResult<PlacedOrder[]>> {
    return this.deps.api.placeOco(override ? { ...input, override: true } : input);
  }

  protected accepted(placed: PlacedOrder[]): Accepted {
    const ids = placed.map((o) => `${o.orderId} ${o.status}`).join(', ');
    return { message: `Orders ${ids}`, orderId: placed[0]?.orderId ?? null };
  }
}

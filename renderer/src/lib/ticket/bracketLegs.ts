/**
 * Take-profit and stop-loss attached to a ticket's entry: the legs as typed,
 * their check against the entry's side and price, and the exit prices and
 * P&L they lead to. Pure functions of the draft, the instrument and the
 * entry's price; the order ticket is their one user.
 *
 * Main works the exits out again from the entry's average fill
 * (`electron/tools/bracket.ts`); the tick arithmetic here mirrors it so the
 * prices shown are the prices main will ask for when the entry fills at the
 * price shown.
 */
import {
  BracketSpec,
  type BracketSpec as BracketSpecT,
  type ExitLevel,
} from '../../../../shared/ipc';
import {
  formatPrice,
  ticksAway,
  type Instrument,
  type OrderType,
  type Side,
  type TopOfBook,
} from '../../../../shared/domain';
import { parseDecimal, separatorError } from './decimalInput';
import { priceError, type FieldErrors, type TicketInstrument, type Validated } from './validation';

/** How a leg is given: not at all, as a price, or as a distance in ticks from the entry. */
export type ExitMode = 'off' | 'price' | 'ticks';

/** The two exits of a bracket, named as the contract's `BracketSpec`. */
export type ExitLeg = keyof BracketSpecT;

/** One leg as typed. */
export interface ExitDraft {
  mode: ExitMode;
  price: string;
  ticks: string;
}

/** Both legs as typed. */
export type BracketDraft = Record<ExitLeg, ExitDraft>;

export const EXIT_LEGS: readonly ExitLeg[] = ['takeProfit', 'stopLoss'];

/** The words for each leg in labels and errors. */
export const LEG_LABEL: Record<ExitLeg, string> = {
  takeProfit: 'Take profit',
  stopLoss: 'Stop loss',
};

/** Short names for the status line and the preview. */
export const LEG_SHORT: Record<ExitLeg, string> = { takeProfit: 'TP', stopLoss: 'SL' };

/** The contract's largest tick distance. */
const MAX_TICKS = 1_000_000;

/** A fresh draft: both legs off. */
export function emptyBracketDraft(): BracketDraft {
  return {
    takeProfit: { mode: 'off', price: '', ticks: '' },
    stopLoss: { mode: 'off', price: '', ticks: '' },
  };
}

/** True when at least one leg is set (the ticket then sends a bracket). */
export function bracketAttached(draft: BracketDraft): boolean {
  return EXIT_LEGS.some((leg) => draft[leg].mode !== 'off');
}

/** The legs that are set, in the order the ticket shows them (the preview's columns). */
export function setLegs(draft: BracketDraft): ExitLeg[] {
  return EXIT_LEGS.filter((leg) => draft[leg].mode !== 'off');
}

/** How main sends the exits of `legs` once the entry fills, in words for the ticket. */
export function exitsSentAs(legs: readonly ExitLeg[]): string {
  if (legs.length > 1) return 'Sent as an OCO when the entry fills';
  return legs[0] === 'takeProfit'
    ? 'Sent as one limit order when the entry fills'
    : 'Sent as one stop order when the entry fills';
}

/** What goes out when the entry fills, for the status line: "TP and SL go", "SL goes". */
export function exitsGo(spec: BracketSpecT): string {
  const legs = EXIT_LEGS.filter((leg) => spec[leg] !== undefined).map((leg) => LEG_SHORT[leg]);
  return legs.length > 1 ? `${legs.join(' and ')} go` : `${legs[0] ?? 'Exits'} goes`;
}

/** Tick distances mean something only where the instrument's tick is known. */
export function ticksAllowed(inst: TicketInstrument | undefined): boolean {
  return inst !== undefined && inst.rules !== 'unknown';
}

/**
 * The price the entry is expected to fill at, or null when it is not known:
 * a limit (or stop-limit) order's limit, a stop order's stop, and for a
 * market order the side it takes (ask for a buy, bid for a sell; else last).
 */
export function entryPrice(
  entry: { type: OrderType; price: string; stopPrice: string },
  side: Side,
  quote: TopOfBook | undefined,
): number | null {
  const positive = (v: number | null | undefined) =>
    v !== null && v !== undefined && v > 0 ? v : null;
  switch (entry.type) {
    case 'LIMIT':
    case 'STOP_LIMIT':
      return positive(parseDecimal(entry.price));
    case 'STOP':
      return positive(parseDecimal(entry.stopPrice));
    case 'MARKET':
      return positive(side === 'BUY' ? quote?.ask : quote?.bid) ?? positive(quote?.last);
  }
}

/** True when `leg` of an entry on `side` lies above the entry (a buy's profit, a sell's loss). */
function isAbove(side: Side, leg: ExitLeg): boolean {
  return (side === 'BUY') === (leg === 'takeProfit');
}

/**
 * The exit price `ticks` ticks from an entry at `entry`, as main works it
 * out: the entry rounded onto the grid toward the exit (up for an exit above
 * the entry, down for one below), then moved by the distance.
 */
export function exitPriceFromTicks(
  entry: number,
  side: Side,
  leg: ExitLeg,
  ticks: number,
  inst: Pick<Instrument, 'tickSize' | 'pricePrecision'>,
): number {
  return ticksAway(entry, isAbove(side, leg), ticks, inst);
}

/** What one leg comes to: the level to send, the exit price when known, or the reason it is wrong. */
export interface LegOutcome {
  level: ExitLevel | null;
  /** The exit price (null: off, wrong, or a tick distance from an entry price not known yet). */
  price: number | null;
  error: string | null;
}

const NOTHING: LegOutcome = { level: null, price: null, error: null };

/** The error of a typed tick distance, or null when it is a whole number in range. */
function ticksError(text: string, label: string): string | null {
  const t = text.trim();
  if (t === '') return `Enter a ${label.toLowerCase()} distance in ticks`;
  if (!/^\d+$/.test(t)) return `${label} distance is a whole number of ticks`;
  const n = Number(t);
  if (n < 1) return `${label} distance must be at least 1 tick`;
  if (n > MAX_TICKS)
    return `${label} distance is at most ${MAX_TICKS.toLocaleString('en-US')} ticks`;
  return null;
}

/** One leg against the entry: on the grid, and on the side of the entry it belongs. */
export function exitLeg(
  draft: ExitDraft,
  leg: ExitLeg,
  side: Side,
  entry: number | null,
  inst: TicketInstrument,
): LegOutcome {
  const label = LEG_LABEL[leg];
  if (draft.mode === 'off') return NOTHING;
  if (draft.mode === 'ticks') {
    if (!ticksAllowed(inst))
      return {
        ...NOTHING,
        error: `${label}: no tick size known for ${inst.symbol}; enter a price`,
      };
    const error = ticksError(draft.ticks, label);
    if (error) return { ...NOTHING, error };
    const ticks = Number(draft.ticks.trim());
    const price = entry === null ? null : exitPriceFromTicks(entry, side, leg, ticks, inst);
    if (price !== null && price <= 0)
      return { ...NOTHING, error: `${label} ${ticks} ticks below the entry is not a price` };
    return { level: { kind: 'ticks', ticks }, price, error: null };
  }
  const error = priceError(draft.price, inst, `${label} price`);
  if (error) return { ...NOTHING, error };
  const price = parseDecimal(draft.price) ?? 0;
  if (entry !== null) {
    const above = isAbove(side, leg);
    const at = formatPrice(entry, inst);
    const who = side === 'BUY' ? 'a buy' : 'a sell';
    if (above && !(price > entry))
      return { ...NOTHING, error: `${label} must be above the entry price ${at} for ${who}` };
    if (!above && !(price < entry))
      return { ...NOTHING, error: `${label} must be below the entry price ${at} for ${who}` };
  }
  return { level: { kind: 'price', price }, price, error: null };
}

/** Both legs worked out for an entry on `side` at `entry` (null: not known). */
export function exitLegs(
  draft: BracketDraft,
  side: Side,
  entry: number | null,
  inst: TicketInstrument,
): Record<ExitLeg, LegOutcome> {
  return {
    takeProfit: exitLeg(draft.takeProfit, 'takeProfit', side, entry, inst),
    stopLoss: exitLeg(draft.stopLoss, 'stopLoss', side, entry, inst),
  };
}

/**
 * Validates the attached legs for an entry on `side` at `entry`: the spec
 * to send (null when no leg is set: a plain order) or field errors. One leg
 * alone is a bracket too (main places it as a single exit order); with both,
 * the stop loss must lie on the losing side of the take profit.
 */
export function validateBracket(
  draft: BracketDraft,
  side: Side,
  entry: number | null,
  inst: TicketInstrument,
): Validated<ExitLeg, BracketSpecT | null> {
  if (!bracketAttached(draft)) return { ok: true, input: null };
  const legs = exitLegs(draft, side, entry, inst);
  const errors: FieldErrors<ExitLeg> = {};
  for (const leg of EXIT_LEGS) {
    const error = legs[leg].error;
    if (error) errors[leg] = error;
  }
  const tp = legs.takeProfit.price;
  const sl = legs.stopLoss.price;
  // With no entry price to measure from (a market order without a quote) a pair still needs its order.
  if (!errors.takeProfit && !errors.stopLoss && tp !== null && sl !== null) {
    if (side === 'BUY' && !(tp > sl)) errors.stopLoss = 'Stop loss must be below the take profit';
    if (side === 'SELL' && !(tp < sl)) errors.stopLoss = 'Stop loss must be above the take profit';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // A leg that is off is left out of the spec, not sent as empty.
  const spec: BracketSpecT = {};
  for (const leg of EXIT_LEGS) {
    const level = legs[leg].level;
    if (level) spec[leg] = level;
  }
  // The contract's schema is the last word, as main checks it again.
  const parsed = BracketSpec.safeParse(spec);
  if (!parsed.success) {
    const key = String(parsed.error.issues[0]?.path[0] ?? 'takeProfit');
    const leg: ExitLeg = key === 'stopLoss' ? 'stopLoss' : 'takeProfit';
    return { ok: false, errors: { [leg]: parsed.error.issues[0]?.message ?? 'Invalid exit' } };
  }
  return { ok: true, input: spec };
}

/**
 * Errors shown while typing, before any send, as for the ticket's other
 * numbers: text that cannot be read (a decimal comma, a distance that is not
 * a whole number). The rest waits for a send attempt.
 */
export function bracketInputErrors(draft: BracketDraft): FieldErrors<ExitLeg> {
  const errors: FieldErrors<ExitLeg> = {};
  for (const leg of EXIT_LEGS) {
    const d = draft[leg];
    const e =
      d.mode === 'price'
        ? separatorError(d.price)
        : d.mode === 'ticks' && d.ticks.trim() !== '' && !/^\d+$/.test(d.ticks.trim())
          ? `${LEG_LABEL[leg]} distance is a whole number of ticks`
          : null;
    if (e) errors[leg] = e;
  }
  return errors;
}

/**
 * The P&L of `quantity` entered at `entry` on `side` and closed at `exit`, in
 * the quote currency, rounded to what the prices and quantity can express.
 */
export function pnlAt(
  entry: number,
  exit: number,
  quantity: number,
  side: Side,
  inst: Pick<Instrument, 'pricePrecision' | 'qtyPrecision'>,
): number {
  const sign = side === 'BUY' ? 1 : -1;
  const value = Number(
    ((exit - entry) * quantity * sign).toFixed(inst.pricePrecision + inst.qtyPrecision),
  );
  // -0 would print as "-0.00".
  return value === 0 ? 0 : value;
}

/** One side's preview: where the entry is expected to fill and what each leg comes to there. */
export interface SidePreview {
  side: Side;
  entry: number | null;
  legs: Record<ExitLeg, (LegOutcome & { pnl: number | null }) | null>;
}

/** What the legs come to for an entry on `side` at `entry`, with the P&L of `quantity` at each exit. */
export function previewSide(
  draft: BracketDraft,
  side: Side,
  entry: number | null,
  quantity: number | null,
  inst: TicketInstrument,
): SidePreview {
  const legs = exitLegs(draft, side, entry, inst);
  const one = (leg: ExitLeg) => {
    if (draft[leg].mode === 'off') return null;
    const o = legs[leg];
    const pnl =
      o.price !== null && entry !== null && quantity !== null && quantity > 0
        ? pnlAt(entry, o.price, quantity, side, inst)
        : null;
    return { ...o, pnl };
  };
  return { side, entry, legs: { takeProfit: one('takeProfit'), stopLoss: one('stopLoss') } };
}

/** An exit level in words: "TP 1.08600" or "TP 30 ticks". */
export function describeLevel(
  leg: ExitLeg,
  level: ExitLevel,
  inst: Pick<Instrument, 'pricePrecision'> | undefined,
): string {
  const what =
    level.kind === 'ticks'
      ? `${level.ticks} tick${level.ticks === 1 ? '' : 's'}`
      : inst
        ? formatPrice(level.price, inst)
        : String(level.price);
  return `${LEG_SHORT[leg]} ${what}`;
}

/** A bracket spec in words, the legs it has only: "TP 30 ticks / SL 1.08400", "SL 1.08400". */
export function describeSpec(
  spec: BracketSpecT,
  inst: Pick<Instrument, 'pricePrecision'> | undefined,
): string {
  return EXIT_LEGS.flatMap((leg) => {
    const level = spec[leg];
    return level ? [describeLevel(leg, level, inst)] : [];
  }).join(' / ');
}

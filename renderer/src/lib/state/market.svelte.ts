/**
 * Instruments and their latest quotes. While the link is not connected the
 * quotes are stale: views grey them out and show their age (from when they
 * arrived here, so no exchange clock skew enters).
 */
import { SvelteMap } from 'svelte/reactivity';
import type { InstrumentInfo, Quote } from '../../../../shared/ipc';
import { markPrice, type Instrument } from '../../../../shared/domain';
import { toInstrument, type Precision } from '../format';

/** An instrument's rules and where they come from (`unknown`: the ticket checks no tick or lot). */
export type MarketInstrument = Instrument & Pick<InstrumentInfo, 'rules'>;

export class MarketStore {
  instruments = $state.raw<readonly MarketInstrument[]>([]);
  /** Symbols of the instruments, in their order (for filters and pickers). */
  readonly symbols = $derived(this.instruments.map((i) => i.symbol));
  /** Latest quote per symbol; each symbol's entry changes alone. */
  readonly quotes = new SvelteMap<string, Quote>();
  /** Direction of the last change of each symbol's last price. */
  readonly ticks = new SvelteMap<string, 'up' | 'down'>();
  /** True while no live link delivers quotes (disconnected, connecting, reconnecting). */
  stale = $state(false);
  /** The clock the ages are measured with, ticked each second while stale. */
  now = $state(Date.now());
  // Not reactive on purpose: read only through `ageSeconds`, which `now` re-runs.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #receivedAt = new Map<string, number>();
  #clock: ReturnType<typeof setInterval> | null = null;

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by $derived, never mutated
  readonly #bySymbol = $derived(new Map(this.instruments.map((i) => [i.symbol, i])));

  /** Replaces the instrument list. */
  setInstruments(list: readonly InstrumentInfo[]): void {
    this.instruments = list.map((info) => ({ ...toInstrument(info), rules: info.rules }));
  }

  /** An instrument's rules, or undefined when unknown. */
  instrument(symbol: string): MarketInstrument | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** Display precision of a symbol (for blotter cells). */
  precisionOf = (symbol: string): Precision | undefined => this.#bySymbol.get(symbol);

  /** Applies the latest quotes (`receivedAt`: when they arrived, for their age). */
  applyQuotes(quotes: readonly Quote[], receivedAt = Date.now()): void {
    for (const q of quotes) {
      this.#receivedAt.set(q.symbol, receivedAt);
      const prev = this.quotes.get(q.symbol);
      if (prev && prev.time > q.time) continue;
      if (prev?.last != null && q.last != null && q.last !== prev.last)
        this.ticks.set(q.symbol, q.last > prev.last ? 'up' : 'down');
      this.quotes.set(q.symbol, q);
    }
  }

  /** Says whether quotes are live; while not, the ages tick each second. */
  setLive(live: boolean, now = Date.now()): void {
    this.now = now;
    if (this.stale === !live) return;
    this.stale = !live;
    if (this.stale && this.#clock === null)
      this.#clock = setInterval(() => (this.now = Date.now()), 1000);
    if (!this.stale) this.#stopClock();
  }

  /** Whole seconds since a symbol's quote arrived, or null without one. */
  ageSeconds(symbol: string): number | null {
    const at = this.#receivedAt.get(symbol);
    return at === undefined ? null : Math.max(0, Math.floor((this.now - at) / 1000));
  }

  /** Forgets every quote (another profile's exchange is connected). */
  clearQuotes(): void {
    this.quotes.clear();
    this.ticks.clear();
    this.#receivedAt.clear();
  }

  /** Stops the age clock. */
  dispose(): void {
    this.#stopClock();
  }

  #stopClock(): void {
    if (this.#clock !== null) clearInterval(this.#clock);
    this.#clock = null;
  }

  /** The symbol's mark: last trade, else the mid, else the one side quoted (shared/domain's rule). */
  lastPrice(symbol: string): number | null {
    return markPrice(this.quotes.get(symbol));
  }
}

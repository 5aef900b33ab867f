/** Instruments and their latest quotes. */
import { SvelteMap } from 'svelte/reactivity';
import type { InstrumentInfo, Quote } from '../../../../shared/ipc';
import type { Instrument } from '../../../../shared/domain';
import { toInstrument, type Precision } from '../format';

export class MarketStore {
  instruments = $state.raw<readonly Instrument[]>([]);
  /** Symbols of the instruments, in their order (for filters and pickers). */
  readonly symbols = $derived(this.instruments.map((i) => i.symbol));
  /** Latest quote per symbol; each symbol's entry changes alone. */
  readonly quotes = new SvelteMap<string, Quote>();
  /** Direction of the last change of each symbol's last price. */
  readonly ticks = new SvelteMap<string, 'up' | 'down'>();

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by $derived, never mutated
  readonly #bySymbol = $derived(new Map(this.instruments.map((i) => [i.symbol, i])));

  /** Replaces the instrument list. */
  setInstruments(list: readonly InstrumentInfo[]): void {
    this.instruments = list.map(toInstrument);
  }

  /** An instrument's rules, or undefined when unknown. */
  instrument(symbol: string): Instrument | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** Display precision of a symbol (for blotter cells). */
  precisionOf = (symbol: string): Precision | undefined => this.#bySymbol.get(symbol);

  /** Applies the latest quotes. */
  applyQuotes(quotes: readonly Quote[]): void {
    for (const q of quotes) {
      const prev = this.quotes.get(q.symbol);
      if (prev && prev.time > q.time) continue;
      if (prev?.last != null && q.last != null && q.last !== prev.last)
        this.ticks.set(q.symbol, q.last > prev.last ? 'up' : 'down');
      this.quotes.set(q.symbol, q);
    }
  }

  /** Last trade price (or the mid when there is no last), or null. */
  lastPrice(symbol: string): number | null {
    const q = this.quotes.get(symbol);
    if (!q) return null;
    if (q.last !== null) return q.last;
    if (q.bid !== null && q.ask !== null) return (q.bid + q.ask) / 2;
    return null;
  }
}

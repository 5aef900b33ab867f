/**
 * What the chart reads of main's trading tools: alerts, bracket plans,
 * trailing stops, one-click mode and the default quantity of quick orders.
 * The panel is mounted with the app state only, so it follows main's tool
 * state itself (the snapshot, then the `tools` events) instead of reaching
 * into the tools dock; it only reads. Orders it sends go through the tools'
 * one door, `quickOrder()`.
 */
import {
  ANY_INSTRUMENT,
  DEFAULT_TOOL_SETTINGS,
  type Api,
  type ToolsState,
} from '../../../../shared/ipc';
import type { Instrument } from '../../../../shared/domain';

const EMPTY: ToolsState = {
  settings: DEFAULT_TOOL_SETTINGS,
  brackets: [],
  trailingStops: [],
  alerts: [],
};

export class ChartTools {
  state = $state.raw<ToolsState>(EMPTY);
  readonly #api: Api;
  #unsubscribe: (() => void) | null = null;
  /** Bumped on each load: an answer to an older load (a profile ago) is dropped. */
  #loads = 0;

  constructor(api: Api) {
    this.#api = api;
  }

  /** One-click trading: the chart's menu sends at once instead of opening the ticket. */
  get oneClick(): boolean {
    return this.state.settings.oneClick;
  }

  /** The quantity a one-click order of `inst` sends: its default (own, else `*`), else its minimum. */
  defaultQty(inst: Pick<Instrument, 'symbol' | 'minQty'>): number {
    const limits = this.state.settings.limits;
    return limits[inst.symbol]?.defaultQty ?? limits[ANY_INSTRUMENT]?.defaultQty ?? inst.minQty;
  }

  /** Loads the tool state and follows main's tool events. */
  start(): void {
    this.#unsubscribe ??= this.#api.onEvents((batch) => {
      const tools = batch.tools?.at(-1);
      if (tools) {
        this.#loads++;
        this.state = tools;
      }
      if (batch.profileChanged) void this.#load();
    });
    void this.#load();
  }

  /** Stops following events. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async #load(): Promise<void> {
    const load = ++this.#loads;
    const result = await this.#api.getTools();
    if (result.ok && load === this.#loads) this.state = result.value;
  }
}

/** User settings, persisted through the api (layout is a flat record). */
import { DEFAULT_SETTINGS, type Api, type Settings } from '../../../../shared/ipc';

type LayoutValue = string | number | boolean;

export class SettingsState {
  confirmOrders = $state(DEFAULT_SETTINGS.confirmOrders);
  soundOnFill = $state(DEFAULT_SETTINGS.soundOnFill);
  theme = $state<Settings['theme']>(DEFAULT_SETTINGS.theme);
  layout = $state.raw<Record<string, LayoutValue>>({});
  readonly #api: Api;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: Api) {
    this.#api = api;
  }

  /** Loads settings from main (snapshot or getSettings). */
  load(s: Settings): void {
    this.confirmOrders = s.confirmOrders;
    this.soundOnFill = s.soundOnFill;
    this.theme = s.theme;
    this.layout = { ...s.layout };
  }

  /** Changes one setting and saves it. */
  update(patch: Partial<Omit<Settings, 'layout'>>): void {
    if (patch.confirmOrders !== undefined) this.confirmOrders = patch.confirmOrders;
    if (patch.soundOnFill !== undefined) this.soundOnFill = patch.soundOnFill;
    if (patch.theme !== undefined) this.theme = patch.theme;
    void this.#api.saveSettings(patch);
  }

  /** A remembered layout value, or the fallback. */
  layoutValue<T extends LayoutValue>(key: string, fallback: T): T {
    const v = this.layout[key];
    return (typeof v === typeof fallback ? v : fallback) as T;
  }

  /** Remembers a layout value (saved after a short pause, coalescing bursts). */
  setLayout(key: string, value: LayoutValue): void {
    if (this.layout[key] === value) return;
    this.layout = { ...this.layout, [key]: value };
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      void this.#api.saveSettings({ layout: this.layout });
    }, 300);
  }
}

/** Toasts and the event log. */
import type { Notification } from '../../../../shared/ipc';

/** How long a toast stays, by kind (rejects and disconnects stay longer). */
function toastDuration(kind: Notification['kind']): number {
  return kind === 'reject' || kind === 'disconnect' || kind === 'error' ? 10_000 : 5_000;
}

const TOAST_KINDS: ReadonlySet<Notification['kind']> = new Set([
  'fill',
  'reject',
  'order',
  'disconnect',
  'error',
]);
const LOG_LIMIT = 500;
/** Toasts on screen at once (older ones make room for newer). */
const TOAST_LIMIT = 5;

export class NotificationsState {
  /** Newest first. */
  log = $state.raw<readonly Notification[]>([]);
  toasts = $state.raw<readonly Notification[]>([]);
  #onToast: (n: Notification) => void;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers, not shown
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(onToast: (n: Notification) => void = () => {}) {
    this.#onToast = onToast;
  }

  /**
   * Adds notifications to the log, and toasts for fills, rejects, unasked order
   * changes and disconnects. One with an id already shown is an update (an order's
   * grouped fills): it replaces the entry and its toast in place, and the toast stays.
   */
  push(batch: readonly Notification[], toast = true): void {
    // A frame can bring a notification and its update together: one entry, the latest text.
    const items = latestById(batch);
    // An update is one whose entry the log still holds; one whose entry the limit pushed
    // out comes back as a new entry on top (it is news again), never lost.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const inLog = new Set(this.log.map((n) => n.id));
    const updates = items.filter((n) => inLog.has(n.id));
    if (updates.length > 0) this.#update(updates, toast);
    const fresh = items.filter((n) => !inLog.has(n.id));
    if (fresh.length === 0) return;
    this.log = [...fresh].reverse().concat(this.log).slice(0, LOG_LIMIT);
    if (!toast) return;
    // Only the newest toasts of a burst are ever seen (older ones are pushed out at once):
    // no sound, timer or toast for the rest; the log keeps every one.
    const toasts = fresh.filter((n) => TOAST_KINDS.has(n.kind)).slice(-TOAST_LIMIT);
    if (toasts.length === 0) return;
    // A toast can outlive its log entry (a burst pushes 500 entries out in a second): one
    // back on top replaces its toast rather than showing twice.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const again = new Set(toasts.map((t) => t.id));
    this.toasts = [...this.toasts.filter((t) => !again.has(t.id)), ...toasts].slice(-TOAST_LIMIT);
    for (const n of toasts) {
      this.#onToast(n);
      this.#dismissLater(n);
    }
  }

  #update(updates: readonly Notification[], toast: boolean): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const byId = new Map(updates.map((n) => [n.id, n]));
    const same = (n: Notification): boolean => {
      const next = byId.get(n.id);
      return next !== undefined && next.message === n.message && next.time === n.time;
    };
    if (this.log.every((n) => !byId.has(n.id) || same(n))) return;
    this.log = this.log.map((n) => byId.get(n.id) ?? n);
    if (!toast) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const shown = new Set(this.toasts.map((t) => t.id));
    // An update of a toast already gone comes back as the newest toast.
    const back = updates.filter((n) => TOAST_KINDS.has(n.kind) && !shown.has(n.id));
    this.toasts = [...this.toasts.map((t) => byId.get(t.id) ?? t), ...back].slice(-TOAST_LIMIT);
    // As for new ones: only the updates that are on screen now sound and restart their timer.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const onScreen = new Set(this.toasts.map((t) => t.id));
    for (const n of updates) {
      if (!TOAST_KINDS.has(n.kind) || !onScreen.has(n.id)) continue;
      this.#onToast(n);
      this.#dismissLater(n);
    }
  }

  /** Dismisses a toast after its kind's time since its latest update. */
  #dismissLater(n: Notification): void {
    const previous = this.#timers.get(n.id);
    if (previous !== undefined) clearTimeout(previous);
    this.#timers.set(
      n.id,
      setTimeout(() => {
        this.#timers.delete(n.id);
        this.dismiss(n.id);
      }, toastDuration(n.kind)),
    );
  }

  /** Adds a local notification (e.g. an order reply) made in the renderer. */
  local(kind: Notification['kind'], message: string, orderId: number | null = null): void {
    const id = `local-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    this.push([{ id, kind, message, time: Date.now(), orderId }]);
  }

  /** Removes one toast. */
  dismiss(id: string): void {
    // Most timers find their toast already pushed out by newer ones: change nothing then.
    if (this.toasts.some((t) => t.id === id)) this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}

/** One notification per id, where its id first came, in its latest version. */
function latestById(items: readonly Notification[]): readonly Notification[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
  const latest = new Map<string, Notification>();
  for (const n of items) latest.set(n.id, n);
  return latest.size === items.length ? items : [...latest.values()];
}

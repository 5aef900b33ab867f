/** Toasts and the event log. */
import type { Notification } from '../../../../shared/ipc';

/** How long a toast stays, by kind (rejects and disconnects stay longer). */
function toastDuration(kind: Notification['kind']): number {
  return kind === 'reject' || kind === 'disconnect' || kind === 'error' ? 10_000 : 5_000;
}

const TOAST_KINDS: ReadonlySet<Notification['kind']> = new Set([
  'fill',
  'reject',
  'disconnect',
  'error',
]);
const LOG_LIMIT = 500;

export class NotificationsState {
  /** Newest first. */
  log = $state.raw<readonly Notification[]>([]);
  toasts = $state.raw<readonly Notification[]>([]);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- dedup bookkeeping, not shown
  #seen = new Set<string>();
  #onToast: (n: Notification) => void;

  constructor(onToast: (n: Notification) => void = () => {}) {
    this.#onToast = onToast;
  }

  /** Adds notifications to the log, and toasts for fills, rejects and disconnects. */
  push(items: readonly Notification[], toast = true): void {
    const fresh = items.filter((n) => !this.#seen.has(n.id));
    if (fresh.length === 0) return;
    for (const n of fresh) this.#seen.add(n.id);
    this.log = [...fresh].reverse().concat(this.log).slice(0, LOG_LIMIT);
    if (!toast) return;
    const toasts = fresh.filter((n) => TOAST_KINDS.has(n.kind));
    if (toasts.length === 0) return;
    this.toasts = [...this.toasts, ...toasts].slice(-5);
    for (const n of toasts) {
      this.#onToast(n);
      setTimeout(() => this.dismiss(n.id), toastDuration(n.kind));
    }
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

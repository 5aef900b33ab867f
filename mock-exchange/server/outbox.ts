/**
 * A session's outbound queue. Messages leave in the order they were queued;
 * a message given a delay (the reply-delay fault) holds back everything
 * queued after it, so a reply still precedes the executions it caused.
 */

interface Outgoing {
  text: string;
  ready: boolean;
  onSent?: () => void;
}

/** Ordered outbound queue with optional per-message delay. */
export class Outbox {
  private queue: Outgoing[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly write: (text: string) => void) {}

  /** Queues `text`; it leaves after `delayMs` and after everything queued before it. */
  push(text: string, delayMs = 0, onSent?: () => void): void {
    if (delayMs <= 0 && this.queue.length === 0) {
      // Nothing ahead of it: send now, without queueing.
      this.write(text);
      onSent?.();
      return;
    }
    const item: Outgoing = { text, ready: delayMs <= 0, onSent };
    this.queue.push(item);
    if (!item.ready) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        item.ready = true;
        this.pump();
      }, delayMs);
      this.timers.add(timer);
    }
    this.pump();
  }

  /** Messages still waiting. */
  get pending(): number {
    return this.queue.length;
  }

  /** Drops everything queued and stops the delay timers. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue = [];
  }

  private pump(): void {
    while (this.queue[0]?.ready) {
      const item = this.queue.shift();
      if (!item) break;
      this.write(item.text);
      item.onSent?.();
    }
  }
}

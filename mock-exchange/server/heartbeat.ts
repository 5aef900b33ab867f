/** Server-side heartbeat: ping every interval, terminate a peer that missed the previous pong. */
import type { Session } from './session';

/** Starts the heartbeat over the live sessions; returns its stop function. */
export function startHeartbeat(sessions: () => Iterable<Session>, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const session of sessions()) {
      if (session.isClosed) continue;
      if (!session.alive) {
        session.terminate();
        continue;
      }
      session.alive = false;
      session.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

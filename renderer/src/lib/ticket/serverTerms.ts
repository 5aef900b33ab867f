/**
 * What the connected server lets an order carry: the times in force of each
 * order type, an optional lifetime, a note. Until a server says, the ticket
 * offers its own defaults and neither extra field.
 */
import type { ConnectionStatus, SessionFeatures } from '../../../../shared/ipc';

/** The server's order terms, as the tickets offer them. */
export interface ServerTerms {
  /** Times in force per order type; an empty or absent list: not known (the ticket's own). */
  timesInForce: Partial<SessionFeatures['timesInForce']>;
  /** Orders may carry an optional lifetime (the current revision's `tillTime`). */
  till: boolean;
  /** Orders may carry a free-text note. */
  notes: boolean;
}

/** No server known: the ticket's own times in force, no lifetime, no note. */
export const UNKNOWN_TERMS: ServerTerms = { timesInForce: {}, till: false, notes: false };

/**
 * The terms of the server `status` is connected to, and still while the link
 * reconnects to it: main keeps the last connection's features through the
 * session's own reconnects (and clears them when the user connects anew), so
 * the ticket does not switch to other fields and back, losing the trader's
 * pick. Unknown when disconnected or before a server said.
 */
export function serverTerms(status: ConnectionStatus | undefined): ServerTerms {
  if (!status || status.state === 'disconnected' || status.features.revision === null)
    return UNKNOWN_TERMS;
  const { timesInForce, revision, notes } = status.features;
  return { timesInForce, till: revision === 'current', notes };
}

/**
 * Finds out which kind of server a link reaches (profile revision `auto`):
 * first with requests every kind answers, read for the current revision's
 * traits, then with an extension. Pure logic over a request port.
 */
import type { Revision } from '../../shared/protocol/revisions';
import type { SessionResult } from './types';

/** The raw replies detection reads (the wire message, before any schema). */
export interface DetectPort {
  /** Sends a request with a raw payload and resolves with the raw reply message or the error. */
  ask(event: string, payload: unknown): Promise<SessionResult<Record<string, unknown>>>;
}

/** The revision found, and the facts that decided it (for the event log). */
export interface Detection {
  revision: Revision;
  evidence: string;
}

/** An orderId no server has issued, for a lookup every kind answers with an error. */
export const PROBE_ORDER_ID = Number.MAX_SAFE_INTEGER;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The current revision's traits in an order object, or null when it shows none. */
function currentTrait(order: unknown): string | null {
  if (!isRecord(order)) return null;
  if (typeof order['login'] === 'number') return 'numeric login';
  if (typeof order['transactTime'] === 'string') return 'ISO transactTime';
  if (order['status'] === 'PARTIAL_FILL') return 'status PARTIAL_FILL';
  if (order['timeInForce'] === 'TPI') return 'time in force TPI';
  if ('tillTime' in order) return 'tillTime';
  if (Array.isArray(order['fills']) && !('transactTime' in order))
    return 'orders without transactTime';
  return null;
}

/** The current revision's traits in an error reply's payload, or null. */
function currentErrorTrait(payload: unknown): string | null {
  if (!isRecord(payload)) return null;
  if (typeof payload['event'] === 'string') return 'error replies name the event';
  if (payload['code'] === undefined && typeof payload['error'] === 'string')
    return `error "${payload['error']}" without a code`;
  return null;
}

/** Probes the server: `orders`, then `orderstatus` of an order that cannot exist, then `symbols`. */
export async function detectRevision(port: DetectPort): Promise<SessionResult<Detection>> {
  const orders = await port.ask('orders', undefined);
  if (!orders.ok && orders.error.kind !== 'exchange') return orders;
  if (orders.ok) {
    const list = orders.value['payload'];
    for (const item of Array.isArray(list) ? list : []) {
      const trait = currentTrait(item);
      if (trait) return found('current', `its orders list shows ${trait}`);
    }
  }

  const status = await port.ask('orderstatus', { orderId: PROBE_ORDER_ID });
  if (!status.ok && status.error.kind !== 'exchange') return status;
  if (status.ok) {
    const payload = status.value['payload'];
    if (status.value['event'] === 'error') {
      const trait = currentErrorTrait(payload);
      if (trait) return found('current', trait);
    } else {
      const trait = currentTrait(payload);
      if (trait) return found('current', `its order status shows ${trait}`);
    }
  }

  const symbols = await port.ask('symbols', undefined);
  if (!symbols.ok && symbols.error.kind !== 'exchange') return symbols;
  if (symbols.ok && symbols.value['event'] === 'symbols' && Array.isArray(symbols.value['payload']))
    return found('extended', 'it answers the symbols extension');
  if (symbols.ok && symbols.value['event'] === 'error') {
    const trait = currentErrorTrait(symbols.value['payload']);
    if (trait) return found('current', trait);
  }
  return found('first', 'it has none of the extensions and none of the current revision’s traits');
}

function found(revision: Revision, evidence: string): SessionResult<Detection> {
  return { ok: true, value: { revision, evidence } };
}

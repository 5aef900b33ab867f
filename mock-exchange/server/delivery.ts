/** What happens to the engine's executions: persisted (user orders) and fanned out to sessions. */
import type { Engine, ExecutionEvent, ExecutionView, PersistedOrder } from '../engine/api';
import { isInternalLogin } from '../market/constants';
import type { Committed } from './dispatcher';
import type { OrderJournal } from './journal';
import type { RevisionCodec } from './revisions';
import type { Session } from './session';

/**
 * Sends each execution to every open session holding the order's login: in
 * `extended` with each session's own seq; in another revision encoded once
 * per event by its codec (which sees every user execution, sessions or not).
 */
export function fanOutExecutions(
  events: readonly ExecutionEvent[],
  sessions: Iterable<Session>,
  codec: RevisionCodec | null = null,
): void {
  if (codec !== null) {
    fanOutEncoded(events, sessions, codec);
    return;
  }
  for (const event of events) {
    if (isInternalLogin(event.login)) continue;
    // Built once per event, when a session holds its login: the engine's own
    // text when it has one (no payload object, no generic stringify).
    let body: object | string | null = null;
    for (const session of sessions) {
      if (!session.isClosed && session.holds(event.login)) {
        body ??= event.payloadJson ?? event.payload;
        session.pushExecution(body);
      }
    }
  }
}

function fanOutEncoded(
  events: readonly ExecutionEvent[],
  sessions: Iterable<Session>,
  codec: RevisionCodec,
): void {
  for (const event of events) {
    if (isInternalLogin(event.login)) continue;
    const message = codec.executionMessage(event);
    for (const session of sessions) {
      if (!session.isClosed && session.holds(event.login)) session.push(message);
    }
  }
}

/** Journals the latest state of the orders in `changed` (orderId -> login). */
function recordChanges(
  engine: Engine,
  journal: OrderJournal,
  changed: Map<number, string>,
): boolean {
  if (changed.size === 0) return true;
  const orders: PersistedOrder[] = [];
  for (const [orderId, login] of changed) {
    const status = engine.orderStatus([login], { orderId });
    if (status.ok) orders.push({ ...status.value, login });
  }
  return journal.record(orders, engine.nextOrderId);
}

/**
 * An execution whose JSON text was written during the drain, straight from
 * the engine's log: what the fan-out sends once the reply has gone (the
 * engine's view of the execution is gone by then).
 */
class WrittenExecution implements ExecutionEvent {
  private parsed: ExecutionEvent['payload'] | null = null;

  constructor(
    readonly login: string,
    readonly orderId: number,
    readonly payloadJson: string,
  ) {}

  /** The payload the text spells (nothing in the server reads it: the fan-out sends the text). */
  get payload(): ExecutionEvent['payload'] {
    this.parsed ??= JSON.parse(this.payloadJson) as ExecutionEvent['payload'];
    return this.parsed;
  }
}

// What a login's executions need in one drain: nothing (an internal login,
// or no journal and no open session holding it), only the journal's note of
// the order, or the note and the execution for delivery.
const NEED_NOTHING = 0;
const NEED_JOURNAL = 1;
const NEED_DELIVERY = 2;

/** The result of a drain that has nothing to deliver (frozen: nobody may add to it). */
const NOTHING_TO_DELIVER: Committed = Object.freeze({
  events: Object.freeze([]) as readonly ExecutionEvent[] as ExecutionEvent[],
  journaled: true,
});

/**
 * How the server drains the engine after a request or a market step,
 * without an object per execution (`Engine.drainEach`): an execution of an
 * internal login, or of a login no open session holds, costs no object and
 * no text, and once `watch` has told the engine which logins those are, no
 * copy of the order either (a bare execution: orderId and login); the
 * journal gets the orderId of every user order touched; a session-held
 * execution has its JSON written at once (or, for another
 * revision, becomes an event object, since every codec sees every user
 * execution). The result is what `fanOutExecutions` delivers after the reply.
 * One per server; of one drain it keeps nothing for the next but whether the
 * last login seen was internal.
 */
export class ExecutionDrain {
  private events: ExecutionEvent[] | null = null;
  private changed: Map<number, string> | null = null;
  private journalling = false;
  /**
   * The login of the previous execution and what it needed: executions come
   * in runs of one login, so most skip the hashing and the session scan.
   * Forgotten every drain (sessions come and go between drains), except that
   * an internal login stays internal.
   */
  private lastLogin: string | null = null;
  private lastNeed = NEED_NOTHING;
  /** Whether the previous execution was bare (its need depends on that too). */
  private lastBare = false;
  private lastInternal = false;

  constructor(
    private readonly sessions: ReadonlySet<Session>,
    private readonly codec: RevisionCodec | null = null,
  ) {}

  /** Drains `engine`'s executions; journals the user-order changes when `journal` is given. */
  run(engine: Engine, journal: OrderJournal | null): Committed {
    this.journalling = journal !== null;
    if (!this.lastInternal) this.lastLogin = null;
    try {
      // With no journal, a bare execution is of no use: not even a call for it.
      engine.drainEach(this.visit, !this.journalling);
      const events = this.events;
      const changed = this.changed;
      if (events === null && changed === null) return NOTHING_TO_DELIVER;
      const journaled =
        journal === null || changed === null || recordChanges(engine, journal, changed);
      return { events: events ?? [], journaled };
    } finally {
      this.events = null;
      this.changed = null;
    }
  }

  /** One execution, seen only during this call. */
  private readonly visit = (x: ExecutionView): void => {
    const login = x.login;
    const bare = x.bare;
    let need = this.lastNeed;
    // Bare or not is part of the key: a login watched since its last row
    // (the filter changed between queueing and draining) needs its delivery.
    if (login !== this.lastLogin || bare !== this.lastBare) {
      const internal = isInternalLogin(login);
      need = internal ? NEED_NOTHING : this.needOf(login, bare);
      this.lastLogin = login;
      this.lastBare = bare;
      this.lastNeed = need;
      this.lastInternal = internal;
    }
    if (need === NEED_NOTHING) return;
    if (this.journalling) (this.changed ??= new Map()).set(x.orderId, login);
    if (need === NEED_JOURNAL) return;
    const events = (this.events ??= []);
    if (this.codec !== null) events.push(x.toEvent());
    else events.push(new WrittenExecution(login, x.orderId, x.payloadJson));
  };

  /**
   * What the executions of `login`, a user's login, need in this drain. A
   * bare one tells us nobody held the login when it was queued (the engine's
   * filter, `watch`), so no session scan; a full one may still have nobody
   * to go to (no filter set, or a session closed since).
   */
  private needOf(login: string, bare: boolean): number {
    if (!bare && (this.codec !== null || held(this.sessions, login))) return NEED_DELIVERY;
    return this.journalling ? NEED_JOURNAL : NEED_NOTHING;
  }

  /**
   * Tells `engine` which logins' executions this drain delivers, so it
   * copies nothing for the others: the user logins an open session holds;
   * with a revision codec, every login (the codec sees every user
   * execution). Call at start and whenever a session opens or closes,
   * before the engine's next command.
   */
  watch(engine: Engine): void {
    if (this.codec !== null) {
      engine.watchLogins(null);
      return;
    }
    const sessions = this.sessions;
    // Any session in the set, closing or not: the set changes (and this is
    // called again) when the server forgets a session, but a session marks
    // itself closed without telling anybody, and an unwatched login's
    // executions cannot be made whole again.
    engine.watchLogins((login) => {
      if (isInternalLogin(login)) return false;
      for (const session of sessions) if (session.holds(login)) return true;
      return false;
    });
  }
}

/** Whether an open session holds `login`. */
function held(sessions: ReadonlySet<Session>, login: string): boolean {
  if (sessions.size === 0) return false;
  for (const session of sessions) if (!session.isClosed && session.holds(login)) return true;
  return false;
}

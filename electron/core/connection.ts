/**
 * The single active exchange session: starts the paper exchange once (and
 * reuses it), connects a profile, wires the session to the live state and
 * turns its status into the ConnectionStatus the renderer shows.
 */
import { join } from 'node:path';
import {
  disconnectedStatus,
  type ConnectionStatus,
  type IpcResult,
  type Notification,
  type Profile,
} from '../../shared/ipc';
import { ExchangeSession } from '../session';
import type { SessionOptions, SessionStatus } from '../session';
import type { CoreOptions, PaperExchange } from './api';
import { failure, success } from './errors';
import type { EventBatcher } from './eventBatcher';
import type { LiveState } from './liveState';

/** At most this many `orderstatus` lookups for exact fills at once (a long history must not flood the exchange). */
const EXACT_FILL_LOOKUPS_IN_FLIGHT = 8;

/** Most a `connect` command waits for the first connect and resync. */
const CONNECT_WAIT_MS = 10_000;

/** What the connection needs from the core. */
export interface ConnectionDeps {
  options: CoreOptions;
  batcher: EventBatcher;
  /** The live state of a profile (switching profiles replaces it). */
  liveFor(profileId: string): LiveState;
  token(profileId: string): string | null;
  notify(kind: Notification['kind'], message: string, orderId: number | null): void;
  log(line: string): void;
}

/** Owner of the active session. */
export class Connection {
  session: ExchangeSession | null = null;
  private statusValue: ConnectionStatus = disconnectedStatus();
  private profile: Profile | null = null;
  private paper: Promise<PaperExchange> | null = null;
  private readonly logins = new Set<string>();
  private resyncWaiters: Array<() => void> = [];
  private exactFillsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly exactFillsInFlight = new Set<number>();
  private wasConnected = false;

  constructor(private readonly deps: ConnectionDeps) {}

  /** Current connection status. */
  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** Default login for orders of the active profile (undefined: the session's first). */
  get orderLogin(): string | undefined {
    return this.profile?.login ?? ([...this.logins][0] || undefined);
  }

  /** Connects a profile (dropping any other session); resolves after the first connect and resync, or failure. */
  async connect(profile: Profile): Promise<IpcResult<ConnectionStatus>> {
    await this.disconnect();
    let url = profile.url;
    let token = this.deps.token(profile.id);
    let login = profile.login;
    if (profile.kind === 'paper') {
      try {
        const paper = await this.startPaper();
        url = paper.url;
        token = paper.token;
        login = paper.login;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.deps.log(`core: paper exchange failed to start: ${message}`);
        return failure({
          code: 'INTERNAL',
          message: `Could not start the paper exchange: ${message}`,
        });
      }
    }
    if (!token) {
      return failure({
        code: 'INVALID_INPUT',
        field: 'token',
        message: `token: profile ${profile.name} has no token`,
      });
    }
    this.profile = { ...profile, login };
    this.logins.clear();
    if (login) this.logins.add(login);
    const live = this.deps.liveFor(profile.id);
    live.defaultLogin = login ?? '';
    for (const row of live.workingOrders()) if (row.login) this.logins.add(row.login);
    const session = new ExchangeSession(this.sessionOptions(url, token, live));
    this.session = session;
    const ready = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CONNECT_WAIT_MS);
      this.resyncWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    session.start();
    await ready;
    return success(this.statusValue);
  }

  /** Closes the active session. */
  async disconnect(): Promise<ConnectionStatus> {
    const session = this.session;
    this.session = null;
    if (this.exactFillsTimer) clearTimeout(this.exactFillsTimer);
    this.exactFillsTimer = null;
    if (session) {
      await session.stop();
      if (this.wasConnected)
        this.deps.notify(
          'disconnect',
          `Disconnected from ${this.profile?.name ?? 'the exchange'}`,
          null,
        );
      this.wasConnected = false;
      this.publish({
        ...disconnectedStatus(),
        profileId: this.profile?.id ?? null,
        profileName: this.profile?.name ?? null,
        paper: this.profile?.kind === 'paper',
      });
    }
    this.wakeWaiters();
    return this.statusValue;
  }

  /** Disconnects and stops the paper exchange. */
  async close(): Promise<void> {
    await this.disconnect();
    const paper = this.paper;
    this.paper = null;
    if (paper) {
      try {
        await (await paper).stop();
      } catch (error) {
        this.deps.log(
          `core: paper exchange stop failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private startPaper(): Promise<PaperExchange> {
    if (!this.paper) {
      const started = this.deps.options.startPaperExchange(
        join(this.deps.options.dataDir, 'paper-exchange'),
      );
      this.paper = started;
      started.catch(() => {
        if (this.paper === started) this.paper = null;
      });
    }
    return this.paper;
  }

  private sessionOptions(url: string, token: string, live: LiveState): SessionOptions {
    const tuning = this.deps.options.session ?? {};
    return {
      ...tuning,
      url,
      token,
      now: this.deps.options.now,
      log: this.deps.log,
      lastExecutionTime: () => live.lastExecutionTime(),
      workingOrderIds: () => live.workingOrders().map((o) => o.orderId),
      knownSymbols: () => [
        ...new Set([...live.instruments.keys(), ...live.store.rows().map((r) => r.symbol)]),
      ],
      handlers: {
        status: (status) => this.onStatus(status),
        execution: (execution) => {
          if (execution.login) this.logins.add(execution.login);
          live.applyExecution(execution);
          this.scheduleExactFills(live);
        },
        quote: (quote) => live.applyQuote(quote),
        instruments: (list) => live.setInstruments(list),
        orders: (orders) => {
          for (const o of orders) if (o.login) this.logins.add(o.login);
          live.applyOrders(orders);
        },
        orderStatus: (order) => live.applyOrderStatus(order),
        notice: (message, kind) => this.deps.notify(kind, message, null),
        resynced: () => {
          this.scheduleExactFills(live);
          this.wakeWaiters();
        },
        audit: (direction, frame, time) => live.audit(direction, frame, time),
      },
    };
  }

  private scheduleExactFills(live: LiveState): void {
    if (this.exactFillsTimer || live.needsExactFills.size === 0) return;
    this.exactFillsTimer = setTimeout(() => {
      this.exactFillsTimer = null;
      const session = this.session;
      // Not connected: the ids stay queued and the next resync asks again.
      if (!session?.connected) return;
      for (const orderId of [...live.needsExactFills]) {
        if (this.exactFillsInFlight.size >= EXACT_FILL_LOOKUPS_IN_FLIGHT) break;
        if (this.exactFillsInFlight.has(orderId)) continue;
        this.exactFillsInFlight.add(orderId);
        // A success replaces the derived fills (applyOrderStatus dequeues the id); a lost
        // reply keeps it queued and asks again, so a derived fill never stays for good.
        void session.orderStatus({ orderId }).then((result) => {
          this.exactFillsInFlight.delete(orderId);
          if (!result.ok && result.error.kind === 'exchange') live.needsExactFills.delete(orderId);
          // Lost replies and the rest of the queue are asked next, a few at a time.
          if (this.session === session) this.scheduleExactFills(live);
        });
      }
    }, 50);
  }

  private onStatus(status: SessionStatus): void {
    const profile = this.profile;
    const base = disconnectedStatus();
    const next: ConnectionStatus = {
      ...base,
      state: status.state,
      profileId: profile?.id ?? null,
      profileName: profile?.name ?? null,
      paper: profile?.kind === 'paper',
      logins: [...this.logins],
      latencyMs: status.state === 'connected' ? status.latencyMs : null,
      retryInMs: status.state === 'reconnecting' ? status.retryInMs : null,
      reason:
        status.state === 'reconnecting' || status.state === 'disconnected' ? status.reason : null,
      features: status.state === 'connected' ? status.features : this.statusValue.features,
    };
    if (status.state === 'connected' && !this.wasConnected) {
      this.wasConnected = true;
      this.deps.notify('connect', `Connected to ${profile?.name ?? 'the exchange'}`, null);
    } else if (
      (status.state === 'reconnecting' || status.state === 'disconnected') &&
      this.wasConnected
    ) {
      this.wasConnected = false;
      this.deps.notify('disconnect', `Link lost: ${next.reason ?? 'closed'}`, null);
    }
    this.publish(next);
    if (status.state === 'disconnected' || status.state === 'reconnecting') this.wakeWaiters();
  }

  private publish(status: ConnectionStatus): void {
    this.statusValue = status;
    this.deps.batcher.connection(status);
  }

  private wakeWaiters(): void {
    const waiters = this.resyncWaiters;
    this.resyncWaiters = [];
    for (const wake of waiters) wake();
  }
}

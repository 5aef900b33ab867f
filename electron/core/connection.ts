/**
 * The single active exchange session: starts the paper exchange once (and
 * reuses it, following it when its supervisor restarts it), connects a
 * profile, wires the session to the live state and turns its status into the
 * ConnectionStatus the renderer shows. One session at a time: a newer connect
 * or a disconnect cancels a connect still in progress.
 */
import { join } from 'node:path';
import {
  disconnectedStatus,
  isReplayProfile,
  type ConnectionStatus,
  type IpcResult,
  type Notification,
  type Profile,
} from '../../shared/ipc';
import { createChartClient, type ChartClient } from '../chart/chartClient';
import { ChartTicker } from '../chart/chartTicker';
import { instrumentsWithoutSymbols } from '../chart/instruments';
import type { DepthSnapshot } from '../../shared/protocol';
import { ExchangeSession } from '../session';
import type { SessionOptions, SessionStatus } from '../session';
import type { CoreOptions, PaperExchange } from './api';
import { failure, success } from './errors';
import type { EventBatcher } from './eventBatcher';
import type { LiveState } from './liveState';

/** Most a `connect` command waits for the first connect and resync. */
const CONNECT_WAIT_MS = 10_000;

/** Error code of a connect cancelled by a newer connect or a disconnect. */
export const CONNECT_CANCELLED = 'CANCELLED';

/** What the user is told when the supervisor restarted a dead paper exchange. */
const PAPER_RESTARTED_MESSAGE = 'Paper exchange stopped unexpectedly; restarted';

/** What the connection needs from the core. */
export interface ConnectionDeps {
  options: CoreOptions;
  batcher: EventBatcher;
  /** The live state of a profile (switching profiles replaces it). */
  liveFor(profileId: string): LiveState;
  token(profileId: string): string | null;
  notify(kind: Notification['kind'], message: string, orderId: number | null): void;
  log(line: string): void;
  /** A depth snapshot arrived (the tools pass it to the ladder). */
  onDepth?(depth: DepthSnapshot): void;
  /** A (re)connect's resync finished (the tools resume their plans). */
  onResynced?(): void;
  /** Starts the exchange of a past replay session that is not running (reopening it). */
  openReplay?(profile: Profile): Promise<PaperExchange>;
}

/** Owner of the active session. */
export class Connection {
  session: ExchangeSession | null = null;
  private statusValue: ConnectionStatus = disconnectedStatus();
  private profile: Profile | null = null;
  private paper: Promise<PaperExchange> | null = null;
  /** The replay session's own exchange (one at a time) and its profile. */
  private replayRun: { profileId: string; exchange: PaperExchange } | null = null;
  private readonly logins = new Set<string>();
  /**
   * Logins this connection is known to trade: the profile's own, and those the
   * exchange named in its orders, executions and lookups since the connect.
   * Only their orders may be closed as unknown to the exchange (2000 also
   * answers another account's order).
   */
  private readonly heldLogins = new Set<string>();
  private resyncWaiters: Array<() => void> = [];
  private exactFillsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly exactFillsInFlight = new Set<number>();
  /** The connected profile's Chart API, when it has one. */
  private chart: ChartClient | null = null;
  /** Quotes from the Chart API's ticker, for servers whose order socket has none. */
  private ticker: ChartTicker | null = null;
  private wasConnected = false;
  /** The session of the user's last connect reached its exchange, or said once that it could not. */
  private reachedOrTold = false;
  /** Bumped by every connect and disconnect: a connect whose number is stale was cancelled. */
  private generation = 0;
  /** The profile a connect in progress is for (before its session exists). */
  private connecting: Profile | null = null;

  constructor(private readonly deps: ConnectionDeps) {}

  /** Current connection status. */
  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** The connected profile's Chart API client, or null when it has none. */
  get chartClient(): ChartClient | null {
    return this.chart;
  }

  /** Default login for orders of the active profile (undefined: the session's first). */
  get orderLogin(): string | undefined {
    return this.profile?.login ?? ([...this.logins][0] || undefined);
  }

  /** True when `profileId` has the session or a connect in progress. */
  involves(profileId: string): boolean {
    return this.profile?.id === profileId || this.connecting?.id === profileId;
  }

  /**
   * Connects a profile (dropping any other session, cancelling any connect in
   * progress); resolves after the first connect and resync, or failure
   * (CANCELLED when a newer connect or a disconnect came first).
   */
  async connect(profile: Profile): Promise<IpcResult<ConnectionStatus>> {
    const generation = ++this.generation;
    this.connecting = profile;
    const cancelled = (): IpcResult<ConnectionStatus> | null => {
      if (generation === this.generation) return null;
      return failure({
        code: CONNECT_CANCELLED,
        message: `Connect to ${profile.name} was cancelled by a newer connect or disconnect`,
      });
    };
    try {
      await this.stopSession();
      let url = profile.url;
      let token = profile.kind === 'paper' ? null : this.deps.token(profile.id);
      let login = profile.login;
      let chartUrl = profile.chartUrl;
      let revision = profile.revision;
      if (profile.kind === 'paper') {
        try {
          const replay = this.replayRun?.profileId === profile.id ? this.replayRun.exchange : null;
          // A replay session's account never meets the bundled paper exchange: a past
          // session is reopened on its own exchange.
          const paper =
            replay ??
            (isReplayProfile(profile.id) && this.deps.openReplay
              ? await this.reopenReplay(profile, this.deps.openReplay)
              : await this.startPaper());
          url = paper.url;
          token = paper.token;
          login = paper.login;
          chartUrl = paper.chartUrl ?? null;
          revision = paper.revision ?? 'extended';
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.deps.log(`core: paper exchange failed to start: ${message}`);
          return (
            cancelled() ??
            failure({
              code: 'INTERNAL',
              message: `Could not start the paper exchange: ${message}`,
            })
          );
        }
      }
      // Awaiting above let a newer connect or a disconnect in: it owns the session now.
      return (
        cancelled() ??
        (await this.open({ ...profile, chartUrl, revision }, url, token, login, cancelled))
      );
    } finally {
      if (generation === this.generation) this.connecting = null;
    }
  }

  private async open(
    profile: Profile,
    url: string,
    token: string | null,
    login: string | null,
    cancelled: () => IpcResult<ConnectionStatus> | null,
  ): Promise<IpcResult<ConnectionStatus>> {
    if (!token) {
      return failure({
        code: 'INVALID_INPUT',
        field: 'token',
        message: `token: profile ${profile.name} has no token`,
      });
    }
    this.profile = { ...profile, login };
    this.reachedOrTold = false;
    this.chart = profile.chartUrl ? createChartClient(profile.chartUrl) : null;
    this.logins.clear();
    if (login) this.logins.add(login);
    this.heldLogins.clear();
    this.heldLogins.add(login ?? '');
    const live = this.deps.liveFor(profile.id);
    live.defaultLogin = login ?? '';
    for (const row of live.workingOrders()) if (row.login) this.logins.add(row.login);
    const ref: { session: ExchangeSession | null } = { session: null };
    const session = new ExchangeSession(this.sessionOptions(url, token, live, ref));
    ref.session = session;
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
    return cancelled() ?? success(this.statusValue);
  }

  /** Closes the active session and cancels any connect in progress. */
  async disconnect(): Promise<ConnectionStatus> {
    this.generation += 1;
    this.connecting = null;
    return this.stopSession();
  }

  private async stopSession(): Promise<ConnectionStatus> {
    const session = this.session;
    this.session = null;
    this.ticker?.stop();
    this.ticker = null;
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

  /** The connected replay's exchange (its controls), or null when not replaying. */
  get replayExchange(): PaperExchange | null {
    return this.replayRun && this.profile?.id === this.replayRun.profileId
      ? this.replayRun.exchange
      : null;
  }

  /** Connects a replay session to its own exchange, stopping the previous replay's exchange. */
  async connectReplay(
    profile: Profile,
    exchange: PaperExchange,
  ): Promise<IpcResult<ConnectionStatus>> {
    const previous = this.replayRun;
    this.replayRun = { profileId: profile.id, exchange };
    const result = await this.connect(profile);
    if (previous) await this.stopExchange(previous.exchange);
    return result;
  }

  /** Starts a past replay session's exchange and makes it the replay run (stopping the previous one). */
  private async reopenReplay(
    profile: Profile,
    open: (profile: Profile) => Promise<PaperExchange>,
  ): Promise<PaperExchange> {
    const exchange = await open(profile);
    const previous = this.replayRun;
    this.replayRun = { profileId: profile.id, exchange };
    if (previous) await this.stopExchange(previous.exchange);
    return exchange;
  }

  /** Disconnects a replay session if connected and stops its exchange (before it is deleted). */
  async releaseReplay(profileId: string): Promise<void> {
    if (this.involves(profileId)) await this.disconnect();
    const run = this.replayRun;
    if (run?.profileId !== profileId) return;
    this.replayRun = null;
    await this.stopExchange(run.exchange);
  }

  private async stopExchange(exchange: PaperExchange): Promise<void> {
    try {
      await exchange.stop();
    } catch (error) {
      this.deps.log(
        `core: replay exchange stop failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Disconnects and stops the paper exchange. */
  async close(): Promise<void> {
    await this.disconnect();
    const replay = this.replayRun;
    this.replayRun = null;
    if (replay) await this.stopExchange(replay.exchange);
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
      started.then(
        (paper) => paper.onRestart?.(() => this.onPaperRestarted(started)),
        () => {
          if (this.paper === started) this.paper = null;
        },
      );
    }
    return this.paper;
  }

  /** The supervisor restarted the paper exchange on a new port: tell the user, follow it. */
  private onPaperRestarted(paper: Promise<PaperExchange>): void {
    if (this.paper !== paper) return;
    this.deps.log('core: the paper exchange stopped unexpectedly and was restarted');
    this.deps.notify('error', PAPER_RESTARTED_MESSAGE, null);
    const profile = this.connecting ?? (this.session ? this.profile : null);
    if (profile?.kind !== 'paper') return;
    void this.connect(profile).then((result) => {
      if (!result.ok && result.error.code !== CONNECT_CANCELLED)
        this.deps.notify('error', result.error.message, null);
    });
  }

  private sessionOptions(
    url: string,
    token: string,
    live: LiveState,
    ref: { session: ExchangeSession | null },
  ): SessionOptions {
    const tuning = this.deps.options.session ?? {};
    return {
      ...tuning,
      url,
      token,
      revision: this.profile?.revision ?? 'auto',
      now: this.deps.options.now,
      log: this.deps.log,
      lastExecutionTime: () => live.lastExecutionTime(),
      workingOrderIds: () => live.workingOrders().map((o) => o.orderId),
      knownSymbols: () => [
        ...new Set([...live.instruments.keys(), ...live.store.rows().map((r) => r.symbol)]),
      ],
      handlers: {
        // A stopped session's last words must not overwrite the current one's status.
        status: (status) => {
          if (this.session === ref.session) this.onStatus(status);
        },
        execution: (execution) => {
          if (execution.login) this.exchangeNamed(execution.login);
          live.applyExecution(execution);
          this.scheduleExactFills(live);
        },
        quote: (quote) => live.applyQuote(quote),
        depth: (depth) => {
          if (this.session === ref.session) this.deps.onDepth?.(depth);
        },
        instruments: (list) => live.setInstruments(list),
        orders: (orders) => {
          for (const o of orders) if (o.login) this.exchangeNamed(o.login);
          live.applyOrders(orders);
        },
        orderStatus: (order) => {
          if (order.login) this.exchangeNamed(order.login);
          live.applyOrderStatus(order);
        },
        unknownOrder: (orderId) => {
          const row = live.store.get(orderId);
          if (!row) return;
          if (this.heldLogins.has(row.login)) live.closeUnknownOrder(orderId);
          else
            this.deps.log(
              `core: order ${orderId} of login ${row.login} is unknown to this session; kept (another account's order answers the same)`,
            );
        },
        notice: (message, kind) => this.deps.notify(kind, message, null),
        discovered: (message) => {
          this.deps.log(`core: ${message}`);
          this.deps.notify('info', message, null);
        },
        resynced: () => {
          this.scheduleExactFills(live);
          if (this.session === ref.session) this.deps.onResynced?.();
          void this.useChartApi(live, ref).finally(() => this.wakeWaiters());
        },
        audit: (direction, frame, time) => live.audit(direction, frame, time),
      },
    };
  }

  /** A login the exchange itself named on this connection: the session trades it. */
  private exchangeNamed(login: string): void {
    this.logins.add(login);
    this.heldLogins.add(login);
  }

  /** Asks the exact fills of orders that have derived ones, through the session's one lookup queue. */
  private scheduleExactFills(live: LiveState): void {
    if (this.exactFillsTimer || live.needsExactFills.size === 0) return;
    this.exactFillsTimer = setTimeout(() => {
      this.exactFillsTimer = null;
      const session = this.session;
      // Not connected: the ids stay queued and the next resync asks again.
      if (!session?.connected) return;
      for (const orderId of [...live.needsExactFills]) {
        if (this.exactFillsInFlight.has(orderId)) continue;
        this.exactFillsInFlight.add(orderId);
        // A success replaces the derived fills (applyOrderStatus dequeues the id); a lost
        // reply keeps it queued and asks again, so a derived fill never stays for good.
        void session.lookUp({ orderId }).then((result) => {
          this.exactFillsInFlight.delete(orderId);
          if (!result.ok && result.error.kind === 'exchange') live.needsExactFills.delete(orderId);
          if (this.session === session) this.scheduleExactFills(live);
        });
      }
    }, 50);
  }

  /**
   * Where the order socket lacks them, takes instruments and quotes from the
   * profile's Chart API (and instrument rules from the profile's list).
   */
  private async useChartApi(
    live: LiveState,
    ref: { session: ExchangeSession | null },
  ): Promise<void> {
    const session = ref.session;
    const status = session?.status;
    if (!session || this.session !== session || status?.state !== 'connected') return;
    const chart = this.chart;
    if (!status.features.symbols) {
      let names: Awaited<ReturnType<ChartClient['symbols']>> | null = null;
      if (chart) {
        names = await chart.symbols();
        if (!names.ok) this.deps.notify('error', names.error, null);
      }
      if (this.session !== session) return;
      const list = instrumentsWithoutSymbols(
        this.profile?.instruments ?? [],
        names?.ok ? names.value : [],
      );
      live.setInstruments(list);
      if (chart && names?.ok) {
        for (const n of names.value) {
          live.applyQuote({ symbol: n.name, bid: n.bid, ask: n.ask, last: null, time: this.now() });
        }
      }
    }
    if (chart && !status.features.quotes && !this.ticker) {
      this.ticker = new ChartTicker({
        baseUrl: chart.baseUrl,
        symbols: () => [...live.instruments.keys()],
        quote: (quote) => {
          if (this.session === session) live.applyQuote(quote);
        },
        log: this.deps.log,
      });
      this.ticker.start();
    }
    this.onStatus(session.status);
  }

  private now(): number {
    return (this.deps.options.now ?? Date.now)();
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
      features:
        status.state === 'connected'
          ? {
              ...status.features,
              chart: this.chart !== null,
              quotes: status.features.quotes || this.ticker !== null,
            }
          : this.statusValue.features,
    };
    if (status.state === 'connected') this.reachedOrTold = true;
    else if (!this.reachedOrTold && next.reason !== null) {
      // Never connected since the user asked: say why once (the banner keeps retrying).
      this.reachedOrTold = true;
      const retrying = status.state === 'reconnecting' ? ' Retrying until it answers.' : '';
      this.deps.notify(
        'disconnect',
        `Could not connect to ${profile?.name ?? 'the exchange'}: ${next.reason}.${retrying}`,
        null,
      );
    }
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

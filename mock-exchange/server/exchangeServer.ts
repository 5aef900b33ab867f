/**
 * The exchange's transport: an HTTP server whose upgrades are admitted
 * (503 over the connection caps, 403 for a browser Origin not allowed, a
 * handshake timeout), authenticated (401 without a valid token) and handed
 * to a `ws` server; one Session per connection; executions and quotes
 * fanned out after every batch; heartbeat, cancel-on-disconnect, fault
 * controls and graceful shutdown. Nothing changes orders unless the journal
 * can take it.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Instrument } from '../../shared/domain';
import type { Revision } from '../../shared/protocol/revisions';
import type { RequestEvent } from '../../shared/protocol';
import type { Engine, TradeEvent } from '../engine/api';
import type { AccountIndex } from './accounts';
import { ConnectionCounter, refuseOrigin, type AdmissionLimits } from './admission';
import { tokenFromRequest } from './auth';
import type { ExchangeClock } from './clock';
import { ExecutionDrain, fanOutExecutions } from './delivery';
import { dispatchFrame, type Committed, type DispatchContext } from './dispatcher';
import { FaultState, type FaultControls } from './faults';
import { startHeartbeat } from './heartbeat';
import type { OrderJournal } from './journal';
import { DepthBoard } from './depth';
import { QuoteBoard } from './quotes';
import { createCurrentCodec, createFirstCodec, type RevisionCodec } from './revisions';
import { orderIdsIssued } from './routes';
import { TokenBucket, type RateLimit } from './rateLimiter';
import { CLOSE_GOING_AWAY, Session } from './session';

/** Transport settings (already defaulted). */
export interface ServerSettings {
  host: string;
  port: number;
  accounts: AccountIndex;
  maxFrameBytes: number;
  maxBufferedBytes: number;
  /** false turns rate limiting off. */
  rateLimit: RateLimit | false;
  heartbeatMs: number;
  cancelOnDisconnect: boolean;
  /** The protocol revision the order socket speaks (default extended). */
  revision?: Revision;
  /** Connection caps, handshake timeout and allowed browser Origins. */
  admission: AdmissionLimits;
  log(message: string): void;
}

/** What the transport serves. */
export interface ServerDeps {
  engine: Engine;
  clock: ExchangeClock;
  instruments: readonly Instrument[];
  journal: OrderJournal | null;
  /** Receives every batch of trades the engine printed (the Chart API's tape). */
  onTrades?: (trades: readonly TradeEvent[]) => void;
}

const UNLIMITED: RateLimit = { perSecond: Number.MAX_SAFE_INTEGER, burst: Number.MAX_SAFE_INTEGER };

function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

function frameText(data: RawData): { text: string; bytes: number } {
  const buffer = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data);
  return { text: buffer.toString('utf8'), bytes: buffer.byteLength };
}

/** The codec of a revision (null: extended, the canonical shapes). */
function codecOf(revision: Revision, engine: Engine): RevisionCodec | null {
  if (revision === 'first') return createFirstCodec();
  if (revision === 'current') return createCurrentCodec(engine);
  return null;
}

/** The running WebSocket server of the exchange. */
export class ExchangeServer {
  readonly faults = new FaultState();
  private readonly sessions = new Set<Session>();
  private readonly quotes: QuoteBoard;
  private readonly depth: DepthBoard;
  private readonly wss: WebSocketServer;
  private readonly http: http.Server;
  private readonly dispatch: DispatchContext;
  /** The revision's codec; null for `extended`. */
  private readonly codec: RevisionCodec | null;
  /** Drains the engine's executions without an object for those nobody reads. */
  private readonly drain: ExecutionDrain;
  private stopHeartbeat: () => void = () => undefined;
  private nextSessionId = 1;
  private closing: Promise<void> | null = null;
  private readonly connections: ConnectionCounter;
  /** Connections past a cap: their upgrade (or request) is answered 503. */
  private readonly overCap = new WeakSet<Socket | Duplex>();
  /** Handshake timers of connections that have not upgraded yet. */
  private readonly handshakes = new WeakMap<Socket | Duplex, NodeJS.Timeout>();

  private constructor(
    private readonly deps: ServerDeps,
    private readonly settings: ServerSettings,
  ) {
    this.quotes = new QuoteBoard(deps.engine);
    this.depth = new DepthBoard(deps.engine);
    this.codec = codecOf(settings.revision ?? 'extended', deps.engine);
    this.drain = new ExecutionDrain(this.sessions, this.codec);
    // No session yet: the engine copies no execution until one holds its login.
    this.drain.watch(deps.engine);
    // Frames up to maxPayload reach us, so an oversized request still gets its 1003 reply.
    const maxPayload = Math.max(settings.maxFrameBytes * 16, 1024 * 1024);
    this.wss = new WebSocketServer({ noServer: true, maxPayload, clientTracking: false });
    this.connections = new ConnectionCounter(settings.admission);
    this.http = http.createServer((req, res) => {
      if (this.overCap.has(req.socket)) {
        res.writeHead(503, { 'Content-Type': 'text/plain', Connection: 'close' });
        res.end('Too many connections.\n');
        return;
      }
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
      res.end('This is a WebSocket endpoint.\n');
    });
    this.http.on('connection', (socket: Socket) => this.onSocket(socket));
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.dispatch = {
      engine: deps.engine,
      clock: deps.clock,
      faults: this.faults,
      instruments: deps.instruments,
      maxFrameBytes: settings.maxFrameBytes,
      subscribe: (session, symbols) => {
        for (const symbol of symbols) session.subscriptions.add(symbol);
        return () => this.quotes.snapshot(session, symbols, deps.clock.now());
      },
      depth: {
        subscribe: (session, symbol, levels) =>
          this.depth.subscribe(session, symbol, levels, deps.clock.now()),
        unsubscribe: (session, symbol) => this.depth.unsubscribe(session, symbol),
      },
      prepare: (event) => this.prepare(event),
      commit: () => this.commit(),
      deliver: (events) => fanOutExecutions(events, this.sessions, this.codec),
      log: settings.log,
      codec: this.codec,
    };
  }

  /** Starts listening; resolves once the port is bound. */
  static async start(deps: ServerDeps, settings: ServerSettings): Promise<ExchangeServer> {
    const server = new ExchangeServer(deps, settings);
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(settings.port, settings.host, () => {
        server.http.off('error', reject);
        resolve();
      });
    });
    server.stopHeartbeat = startHeartbeat(() => server.sessions, settings.heartbeatMs);
    return server;
  }

  /** The bound TCP port. */
  get port(): number {
    const address = this.http.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Open sessions. */
  sessionCount(): number {
    return this.sessions.size;
  }

  /** Drains the engine's executions: journals user-order changes, then fans them out. */
  flush(): void {
    fanOutExecutions(this.commit().events, this.sessions, this.codec);
  }

  /**
   * True when the journal can take changes the market or the clock would
   * make (a step, expiries); while false they wait, so nothing happens that
   * a restart would not know.
   */
  canChange(): boolean {
    return this.deps.journal?.ready() ?? true;
  }

  /** Before a request that changes orders: reserves its orderIds in the journal. */
  private prepare(event: RequestEvent): boolean {
    const journal = this.deps.journal;
    const ids = orderIdsIssued(event);
    if (journal === null || ids === null) return true;
    return journal.reserve(this.deps.engine.nextOrderId + ids);
  }

  /** Moves the revision's own timers (current: order lifetimes) to `now`; flush afterwards. */
  advanceTime(now: number): void {
    this.codec?.advanceTime(now);
  }

  /** Drains the engine's executions and journals the user-order changes among them. */
  private commit(): Committed {
    // The journal logs a failing episode itself, once.
    const committed = this.drain.run(this.deps.engine, this.deps.journal);
    const trades = this.deps.engine.drainTrades();
    if (trades.length > 0) this.deps.onTrades?.(trades);
    return committed;
  }

  /** Sends coalesced quote changes to subscribers (once per market tick). */
  publishQuotes(): void {
    this.quotes.publish(this.sessions, this.deps.clock.now());
    this.depth.publish(this.deps.clock.now());
  }

  /** The fault controls of the handle. */
  faultControls(): FaultControls {
    return {
      delayReplies: (ms) => {
        this.faults.replyDelayMs = Math.max(0, ms);
      },
      dropAfterFrames: (frames) => {
        for (const session of this.sessions) session.dropAfter(frames);
      },
      disconnectAll: () => {
        for (const session of [...this.sessions]) session.terminate();
      },
      failNext: (event, code, message) => this.faults.armFailure(event, { code, message }),
      throwNext: (event) => this.faults.armThrow(event),
      clear: () => this.faults.clear(),
    };
  }

  /** Stops the heartbeat, closes every session with 1001 and stops listening. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.stopHeartbeat();
    const closed = [...this.sessions].map(
      (session) =>
        new Promise<void>((resolve) => {
          session.onClosed = resolve;
          session.close(CLOSE_GOING_AWAY, 'server shutting down');
        }),
    );
    await Promise.all(closed);
    await new Promise<void>((resolve) => {
      this.wss.close(() => resolve());
    });
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  /** Counts a new TCP connection and gives it a handshake deadline. */
  private onSocket(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    if (!this.connections.open(address)) this.overCap.add(socket);
    const timer = setTimeout(() => socket.destroy(), this.settings.admission.handshakeTimeoutMs);
    this.handshakes.set(socket, timer);
    socket.once('close', () => {
      clearTimeout(timer);
      this.connections.close(address);
    });
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    // A complete upgrade request arrived: the handshake deadline is met.
    clearTimeout(this.handshakes.get(socket));
    if (this.closing) {
      refuse(socket, 503, 'The exchange is shutting down.');
      return;
    }
    if (this.overCap.has(socket)) {
      refuse(socket, 503, 'Too many connections.');
      return;
    }
    // Before the token: a web page must not even learn whether a token is valid.
    const origin = refuseOrigin(req.headers.origin, this.settings.admission.allowedOrigins);
    if (origin) {
      refuse(socket, origin.status, origin.text);
      return;
    }
    const token = tokenFromRequest(req);
    const logins = token === null ? undefined : this.settings.accounts.get(token);
    if (!logins) {
      refuse(socket, 401, 'Missing or invalid token.');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, logins));
  }

  private onConnection(ws: WebSocket, logins: readonly string[]): void {
    const now = this.deps.clock.now();
    const bucket = new TokenBucket(this.settings.rateLimit || UNLIMITED, now);
    const session = new Session(this.nextSessionId++, logins, ws, bucket, {
      maxBufferedBytes: this.settings.maxBufferedBytes,
    });
    this.sessions.add(session);
    // Before its first request: the session's logins' executions are copied from now on.
    this.drain.watch(this.deps.engine);
    this.settings.log(`session ${session.id} opened (logins: ${logins.join(', ')})`);
    ws.on('message', (data, isBinary) => {
      session.alive = true;
      const { text, bytes } = frameText(data);
      try {
        dispatchFrame(this.dispatch, session, text, bytes, isBinary);
      } catch (error) {
        // dispatchFrame answers every failure itself; this only guards the process.
        this.settings.log(
          `session ${session.id}: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
    });
    ws.on('pong', () => {
      session.alive = true;
    });
    ws.on('error', (error) => this.settings.log(`session ${session.id} error: ${error.message}`));
    ws.on('close', () => this.onClose(session));
  }

  private onClose(session: Session): void {
    session.markClosed();
    this.sessions.delete(session);
    this.settings.log(`session ${session.id} closed`);
    if (this.settings.cancelOnDisconnect && !this.closing) this.cancelOrphans(session.logins);
    // After the cancel-on-disconnect: those last executions keep their payload (nobody
    // receives them, but a tap on the drain may read them); later ones are bare.
    this.drain.watch(this.deps.engine);
    session.onClosed?.();
  }

  /** Cancels the working orders of logins no open session holds any more. */
  private cancelOrphans(logins: readonly string[]): void {
    const orphaned = logins.filter((login) => ![...this.sessions].some((s) => s.holds(login)));
    if (orphaned.length === 0) return;
    if (!this.canChange()) {
      this.settings.log(`cancel-on-disconnect of ${orphaned.join(', ')} skipped: journal failing`);
      return;
    }
    const now = this.deps.clock.now();
    for (const order of this.deps.engine.workingOrders(orphaned)) {
      this.deps.engine.cancelOrder(
        orphaned,
        { orderId: order.orderId },
        now,
        'CANCEL_ON_DISCONNECT',
      );
    }
    this.flush();
  }
}

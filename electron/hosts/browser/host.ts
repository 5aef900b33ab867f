/**
 * The browser host: the same core as the Electron app, in plain Node, serving
 * the built renderer and the IPC contract over a loopback WebSocket guarded
 * by a per-launch secret and an Origin check.
 */
import type { ProfileRevision } from '../../../shared/ipc';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core, CoreOptions, PaperExchange, ReplayLaunch } from '../../core/api';
import { PAPER_LOGIN } from '../../node/paper/exchange-process';
import { REPO_ROOT, startNodePaperExchange } from '../../node/paper/node';
import { WEB_API_PATH } from '../../../shared/ipc/web-client';
import { attachApiSocket } from './api-socket';
import { contentSecurityPolicy } from '../../node/csp';
import { openInBrowser } from './open';
import { createKeyFileCodec } from '../../node/secret-cipher';
import { createFileSecretStore } from '../../node/secret-file';
import { createStaticHandler } from './static-server';

/** Where `npm run build` puts the renderer. */
const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');

/** The browser host's token store in the data directory. */
const SECRETS_FILE = 'secrets.json';
/** Its key (0600). Plain Node reaches no OS keychain here: this file is as safe as the account. */
export const SECRETS_KEY_FILE = 'secrets.key';

/** Options of `startBrowserHost`. */
export interface BrowserHostOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** The app's data directory (database, settings, secrets, paper exchange state). */
  dataDir: string;
  /** 'paper' (default): fork the bundled exchange; or an exchange the caller runs. */
  exchange?:
    | {
        url: string;
        token: string;
        login?: string | undefined;
        /** Which kind of server it is (default auto: found out on connect). */
        revision?: ProfileRevision;
        /** Its Chart API, if any. */
        chartUrl?: string | null;
      }
    | 'paper';
  /** Open the address in the desktop's browser (default false). */
  open?: boolean;
  /** The built renderer (default out/renderer). */
  rendererDir?: string;
  /** The core factory (default: electron/core's createCore). */
  createCore?: (options: CoreOptions) => Promise<Core>;
  /** Extra core options (tests: clock, batch interval, autoConnectProfileId). */
  coreOptions?: Partial<Omit<CoreOptions, 'dataDir' | 'secrets' | 'startPaperExchange'>>;
  log?: (line: string) => void;
}

/** A running browser host. */
export interface BrowserHost {
  /** The address to open, with the secret in the fragment: http://127.0.0.1:<port>/#secret=<hex>. */
  url: string;
  port: number;
  secret: string;
  core: Core;
  /** Closes sockets and the server, then the core (which stops the paper exchange). Idempotent. */
  close(): Promise<void>;
}

/** Thrown when out/renderer has no index.html. */
export class RendererNotBuiltError extends Error {
  constructor(rendererDir: string) {
    super(
      `The renderer is not built (${path.join(rendererDir, 'index.html')} is missing): run \`npm run build\` first.`,
    );
    this.name = 'RendererNotBuiltError';
  }
}

async function defaultCreateCore(options: CoreOptions): Promise<Core> {
  const { createCore } = await import('../../core/index');
  return createCore(options);
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the browser host: core, static server and API socket on 127.0.0.1. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html')))
    throw new RendererNotBuiltError(rendererDir);
  const log = options.log ?? (() => {});
  // History, secrets and their key are the user's alone.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  const secret = randomBytes(32).toString('hex');
  let port = 0;
  const origin = (): string => `http://127.0.0.1:${port}`;
  const csp = (): string => contentSecurityPolicy([`ws://127.0.0.1:${port}${WEB_API_PATH}`]);

  // Children this host started, stopped on close even if the core forgets to.
  const exchanges = new Set<PaperExchange>();
  const exchange = options.exchange ?? 'paper';
  const startPaperExchange = async (
    dataDir: string,
    replay?: ReplayLaunch,
  ): Promise<PaperExchange> => {
    // A replay always runs the bundled exchange, whatever serves the paper profile.
    if (exchange !== 'paper' && !replay) {
      return {
        url: exchange.url,
        token: exchange.token,
        login: exchange.login ?? PAPER_LOGIN,
        revision: exchange.revision ?? 'auto',
        chartUrl: exchange.chartUrl ?? null,
        stop: async () => {},
      };
    }
    const started = await startNodePaperExchange(dataDir, { log, replay });
    // Returned as is (its url follows restarts); stopping it twice is harmless.
    exchanges.add(started);
    return started;
  };

  const core = await (options.createCore ?? defaultCreateCore)({
    ...options.coreOptions,
    log,
    dataDir: options.dataDir,
    secrets: createFileSecretStore(
      path.join(options.dataDir, SECRETS_FILE),
      createKeyFileCodec(path.join(options.dataDir, SECRETS_KEY_FILE)),
    ),
    startPaperExchange,
  });

  const server = http.createServer(
    createStaticHandler(rendererDir, () => ({ host: `127.0.0.1:${port}`, csp: csp() })),
  );
  // A peer that sends garbage or resets is dropped; nothing a peer does ends the host.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code !== 'ECONNRESET' && socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });
  const closeSocket = attachApiSocket(server, core, () => ({ origin: origin(), secret }), { log });
  try {
    port = await listen(server, options.port);
    server.on('error', (error) => log(`browser host: server error: ${error.message}`));
  } catch (error) {
    await closeSocket();
    await core.close();
    throw error;
  }

  const url = `${origin()}/#secret=${secret}`;
  if (options.open) openInBrowser(url);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await closeSocket();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      try {
        await core.close();
      } finally {
        await Promise.all([...exchanges].map((running) => running.stop()));
      }
    })();
    return closing;
  };
  return { url, port, secret, core, close };
}

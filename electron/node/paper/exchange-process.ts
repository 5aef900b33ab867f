/**
 * Supervising the bundled exchange as a child process, whoever forked it
 * (Electron's utilityProcess or Node's child_process): hand it its token
 * through the environment (never argv, which any local user can read), wait
 * for it to say where it listens, restart it when it dies, stop it for sure.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { ACCOUNT_ENV } from '../../../mock-exchange/server/cliArgs';
import { ReplayControlAnswer } from '../../../mock-exchange/market/replay/controlMessage';
import type { ReplayAction, ReplayStatus } from '../../../shared/protocol';
import type { PaperExchange, ReplayLaunch } from '../../core/api';
import { keepRunning, type RestartOptions } from './restarts';

/** The paper account's login. */
export const PAPER_LOGIN = 'demo';

/** A forked exchange, as either host sees it. */
export interface ExchangeChild {
  /** Its process id (undefined until spawned, or when the spawn failed). */
  readonly pid: number | undefined;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  stdout: NodeJS.ReadableStream | null;
  stderr: NodeJS.ReadableStream | null;
  /** Sends an IPC message to the child (a replay's controls); absent when the host cannot. */
  send?(message: unknown): void;
  /** Asks the child to stop (SIGTERM). */
  terminate(): void;
  /** Kills it for good (SIGKILL). */
  forceKill(): void;
}

/** A running exchange child. */
export interface RunningExchange {
  url: string;
  port: number;
  /** Its Chart API (http://127.0.0.1:<port>), or null when it serves none. */
  chartUrl: string | null;
  pid: number | undefined;
  /** Resolves with the exit code once the child has exited, asked to or not. */
  exited: Promise<number | null>;
  /** Resolves once the child has exited. */
  stop(): Promise<void>;
  /** Steers a replaying child over IPC; answers with its status or its refusal. */
  replayControl?(action: ReplayAction): Promise<ReplayAnswer>;
}

/** A replay child's answer to a control: its status, or why it refused. */
export type ReplayAnswer = { ok: true; status: ReplayStatus } | { ok: false; error: string };

/** The exchange CLI's arguments: a free port and its state folder (the core passes <dataDir>/paper-exchange); no secret. */
export function exchangeArgs(exchangeDataDir: string, replay?: ReplayLaunch): string[] {
  const args = ['--port', '0', '--data', exchangeDataDir];
  if (replay) args.push('--replay', replay.file, '--speed', String(replay.speed));
  return args;
}

/** The environment entries that give the child the demo account (the CLI reads and drops them). */
export function exchangeEnv(token: string): Record<string, string> {
  return { [ACCOUNT_ENV]: `${PAPER_LOGIN}:${token}` };
}

/** A fresh per-launch token for the demo account. */
function newPaperToken(): string {
  return randomBytes(24).toString('hex');
}

/** Reads `{type: 'listening', url, chartUrl}` from an IPC message; null for anything else. */
export function parseListeningMessage(
  message: unknown,
): { url: string; port: number; chartUrl: string | null } | null {
  if (message === null || typeof message !== 'object') return null;
  const { type, url, chartUrl } = message as { type?: unknown; url?: unknown; chartUrl?: unknown };
  if (type !== 'listening' || typeof url !== 'string') return null;
  const address = parseListeningLine(url);
  const chart = typeof chartUrl === 'string' ? parseChartLine(chartUrl) : null;
  return address && { ...address, chartUrl: chart };
}

/** Finds the Chart API's `http://127.0.0.1:<port>` in a line of the exchange's output. */
export function parseChartLine(line: string): string | null {
  const match = /http:\/\/127\.0\.0\.1:(\d{1,5})/.exec(line);
  return match ? match[0] : null;
}

/** Finds `ws://127.0.0.1:<port>[/path]` in a line of the exchange's output. */
export function parseListeningLine(line: string): { url: string; port: number } | null {
  const match = /ws:\/\/127\.0\.0\.1:(\d{1,5})(\/[^\s'"]*)?/.exec(line);
  if (!match?.[1]) return null;
  const port = Number(match[1]);
  if (port <= 0 || port > 65535) return null;
  return { url: match[0], port };
}

/** Options of `superviseExchange`. */
export interface SuperviseOptions {
  /** Give up (and kill the child) if it has not announced its address by then. */
  startTimeoutMs?: number;
  /** After `terminate()`, wait this long before SIGKILL. */
  stopGraceMs?: number;
  /** Receives the child's output lines (the token is in its environment, never in its output). */
  log?: (line: string) => void;
}

/** Waits for the child's listening announcement (IPC message, else a stdout line); kills it on failure. */
function superviseExchange(
  child: ExchangeChild,
  options: SuperviseOptions = {},
): Promise<RunningExchange> {
  const { startTimeoutMs = 20_000, stopGraceMs = 3_000, log } = options;
  let exited = false;
  let onExited: (code: number | null) => void = () => {};
  const exitedPromise = new Promise<number | null>((resolve) => {
    onExited = resolve;
  });
  const recentOutput: string[] = [];
  // Replay answers come back in the order the controls went out.
  const answers: Array<(answer: ReplayAnswer) => void> = [];
  const replayControl = (action: ReplayAction): Promise<ReplayAnswer> => {
    if (!child.send || exited)
      return Promise.resolve({ ok: false, error: 'the exchange cannot be steered' });
    const send = child.send.bind(child);
    return new Promise((resolve) => {
      answers.push(resolve);
      send({ type: 'replay', ...action });
    });
  };

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.terminate();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), stopGraceMs);
    });
    const outcome = await Promise.race([exitedPromise.then(() => 'exited' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      child.forceKill();
      await exitedPromise;
    }
  };

  return new Promise<RunningExchange>((resolve, reject) => {
    let settled = false;
    // The CLI prints its Chart API line before the exchange line.
    let chartUrl: string | null = null;
    const succeed = (address: { url: string; port: number; chartUrl?: string | null }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        ...address,
        chartUrl: address.chartUrl ?? chartUrl,
        pid: child.pid,
        exited: exitedPromise,
        stop,
        replayControl,
      });
    };
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const tail = recentOutput.length > 0 ? `\n${recentOutput.join('\n')}` : '';
      void stop().finally(() => reject(new Error(`paper exchange ${reason}${tail}`)));
    };
    const timer = setTimeout(
      () => fail(`did not start within ${startTimeoutMs} ms`),
      startTimeoutMs,
    );

    const watchLines = (stream: NodeJS.ReadableStream | null, announce: boolean): void => {
      if (!stream) return;
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string | Buffer) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          log?.(`[exchange] ${line}`);
          recentOutput.push(line);
          if (recentOutput.length > 20) recentOutput.shift();
          if (announce && line.includes('Chart API')) chartUrl = parseChartLine(line) ?? chartUrl;
          const address = announce && !line.includes('Chart API') ? parseListeningLine(line) : null;
          if (address) succeed(address);
        }
      });
    };
    child.onMessage((message) => {
      const answer = ReplayControlAnswer.safeParse(message);
      if (answer.success) {
        const data = answer.data;
        answers.shift()?.(
          'status' in data ? { ok: true, status: data.status } : { ok: false, error: data.error },
        );
        return;
      }
      const address = parseListeningMessage(message);
      if (address) succeed(address);
    });
    child.onExit((code) => {
      exited = true;
      for (const answer of answers.splice(0)) answer({ ok: false, error: 'the exchange stopped' });
      onExited(code);
      fail(`exited with code ${code ?? 'null'} before listening`);
    });
    watchLines(child.stdout, true);
    watchLines(child.stderr, false);
  });
}

/** Starts a child with the CLI's arguments and these extra environment entries. */
export type ForkExchange = (args: string[], env: Record<string, string>) => ExchangeChild;

/** The paper exchange as a host runs it: kept running, with the pid of its current child. */
export interface SupervisedPaperExchange extends PaperExchange {
  readonly pid: number | undefined;
  onRestart(listener: () => void): () => void;
}

/**
 * Launches the exchange with a fresh demo token (either host: `fork` starts
 * the child), waits until it listens, and restarts it on the same data folder
 * with the same token whenever it dies (`onRestart` reports the new address).
 */
export async function launchPaperExchange(
  exchangeDataDir: string,
  fork: ForkExchange,
  options: SuperviseOptions & RestartOptions & { replay?: ReplayLaunch } = {},
): Promise<SupervisedPaperExchange> {
  // Its journal holds the user's paper orders: other users may not list or read it.
  fs.mkdirSync(exchangeDataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(exchangeDataDir, 0o700);
  const token = newPaperToken();
  const kept = await keepRunning(
    () =>
      superviseExchange(
        fork(exchangeArgs(exchangeDataDir, options.replay), exchangeEnv(token)),
        options,
      ),
    options,
  );
  return {
    get url() {
      return kept.url;
    },
    get chartUrl() {
      return kept.chartUrl;
    },
    get pid() {
      return kept.pid;
    },
    token,
    login: PAPER_LOGIN,
    onRestart: (listener) => kept.onRestart(listener),
    stop: () => kept.stop(),
    replayControl: async (action) => {
      const answer = (await kept.current.replayControl?.(action)) ?? {
        ok: false,
        error: 'the exchange cannot be steered',
      };
      return answer.ok
        ? { ok: true, value: answer.status }
        : { ok: false, error: { code: 'INVALID_INPUT', message: answer.error } };
    },
  };
}

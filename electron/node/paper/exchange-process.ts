/**
 * Supervising the bundled exchange as a child process, whoever forked it
 * (Electron's utilityProcess or Node's child_process): wait for it to say
 * where it listens, and stop it for sure.
 */
import { randomBytes } from 'node:crypto';
import type { PaperExchange } from '../../core/api';

/** The paper account's login. */
export const PAPER_LOGIN = 'demo';

/** A forked exchange, as either host sees it. */
export interface ExchangeChild {
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  stdout: NodeJS.ReadableStream | null;
  stderr: NodeJS.ReadableStream | null;
  /** Asks the child to stop (SIGTERM). */
  terminate(): void;
  /** Kills it for good (SIGKILL). */
  forceKill(): void;
}

/** A running exchange child. */
export interface RunningExchange {
  url: string;
  port: number;
  /** Resolves once the child has exited. */
  stop(): Promise<void>;
}

/** The exchange CLI's arguments: a free port, its state folder (the core passes <dataDir>/paper-exchange), the demo account. */
export function exchangeArgs(exchangeDataDir: string, token: string): string[] {
  return ['--port', '0', '--data', exchangeDataDir, '--account', `${PAPER_LOGIN}:${token}`];
}

/** A fresh per-launch token for the demo account. */
function newPaperToken(): string {
  return randomBytes(24).toString('hex');
}

/** Reads `{type: 'listening', url}` from an IPC message; null for anything else. */
export function parseListeningMessage(message: unknown): { url: string; port: number } | null {
  if (message === null || typeof message !== 'object') return null;
  const { type, url } = message as { type?: unknown; url?: unknown };
  if (type !== 'listening' || typeof url !== 'string') return null;
  return parseListeningLine(url);
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
  /** Receives the child's output lines (never parsed for secrets; the token is an argument, not output). */
  log?: (line: string) => void;
}

/** Waits for the child's listening announcement (IPC message, else a stdout line); kills it on failure. */
export function superviseExchange(
  child: ExchangeChild,
  options: SuperviseOptions = {},
): Promise<RunningExchange> {
  const { startTimeoutMs = 20_000, stopGraceMs = 3_000, log } = options;
  let exited = false;
  let onExited: () => void = () => {};
  const exitedPromise = new Promise<void>((resolve) => {
    onExited = resolve;
  });
  const recentOutput: string[] = [];

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
    const succeed = (address: { url: string; port: number }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...address, stop });
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
          const address = announce ? parseListeningLine(line) : null;
          if (address) succeed(address);
        }
      });
    };
    child.onMessage((message) => {
      const address = parseListeningMessage(message);
      if (address) succeed(address);
    });
    child.onExit((code) => {
      exited = true;
      onExited();
      fail(`exited with code ${code ?? 'null'} before listening`);
    });
    watchLines(child.stdout, true);
    watchLines(child.stderr, false);
  });
}

/**
 * Launches the exchange with a fresh demo token (either host: `fork` starts
 * the child with the CLI's arguments) and supervises it until it listens.
 */
export async function launchPaperExchange(
  exchangeDataDir: string,
  fork: (args: string[]) => ExchangeChild,
  options: SuperviseOptions = {},
): Promise<PaperExchange> {
  const token = newPaperToken();
  const running = await superviseExchange(fork(exchangeArgs(exchangeDataDir, token)), options);
  return { url: running.url, token, login: PAPER_LOGIN, stop: running.stop };
}

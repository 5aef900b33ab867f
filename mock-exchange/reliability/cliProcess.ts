/** Runs the exchange CLI as a child process and reads its listening line. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './wsClient';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LISTENING = /Exchange listening on (ws:\/\/127\.0\.0\.1:(\d+)) \(logins: ([^)]*)\)/;

export interface CliExchange {
  child: ChildProcess;
  url: string;
  port: number;
  logins: string[];
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process ended. */
  exited: Promise<number | string | null>;
  /** SIGKILL (no cleanup at all) and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts `node --import tsx mock-exchange/cli.ts ...args` and waits for its listening line. */
export async function startCli(args: string[], timeoutMs = 20_000): Promise<CliExchange> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-exchange/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    }),
  );
  const listening = new Promise<RegExpExecArray>((resolve, reject) => {
    const check = (): void => {
      const m = LISTENING.exec(out);
      if (m) resolve(m);
    };
    child.stdout?.on('data', check);
    void exited.then((code) => reject(new Error(`cli exited (${String(code)}): ${out}`)));
  });
  let match: RegExpExecArray;
  try {
    match = await withTimeout(listening, timeoutMs, 'cli listening line');
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const kill = async (signal: NodeJS.Signals, graceMs: number): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await withTimeout(exited, graceMs, `cli exit on ${signal}`).catch(async () => {
      child.kill('SIGKILL');
      await exited;
    });
  };
  return {
    child,
    url: match[1] as string,
    port: Number(match[2]),
    logins: (match[3] as string).split(',').map((s) => s.trim()),
    output: () => out,
    exited,
    kill9: () => kill('SIGKILL', 10_000),
    stop: (graceMs = 10_000) => kill('SIGTERM', graceMs),
  };
}

/** SIGKILLs every CLI still running (afterAll safety net). */
export function killAllClis(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

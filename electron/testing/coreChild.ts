/**
 * The parent side of `crashChild.ts` (crash-safety and disk-full tests): the
 * child core started on a data directory, its printed lines collected, and a
 * core restarted in-process on the same directory once the child is dead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import type { Core } from '../core/api';
import { memorySecrets } from './coreTestkit';
import { LOGIN } from './faultHarness';

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));

/** The child's stdout, line by line, and its exit. */
export interface CoreChild {
  proc: ChildProcess;
  /** Fill ids of the `FILL <fillId>` lines, in order. */
  fills: string[];
  lines: string[];
  exited: Promise<void>;
}

/**
 * Starts the child core on `dataDir`, trading on the exchange at `url` with
 * `token`. `cleanups` receives its kill (and prints its stderr, labelled
 * `label`, when it wrote any).
 */
export function startCoreChild(
  dataDir: string,
  url: string,
  token: string,
  cleanups: Array<() => Promise<void> | void>,
  label: string,
): CoreChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, url, token], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: CoreChild = {
    proc,
    fills: [],
    lines: [],
    exited: new Promise((resolve) => proc.once('exit', () => resolve())),
  };
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    child.lines.push(line);
    if (line.startsWith('FILL ')) child.fills.push(line.slice(5));
  });
  cleanups.push(async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await child.exited;
    if (stderr.trim()) console.log(`${label} child stderr:\n${stderr}`);
  });
  return child;
}

/** A core on `dataDir` (not connected) whose paper profile is the exchange at `url`, as the child had it. */
export function restartCore(dataDir: string, url: string, token: string): Promise<Core> {
  return createCore({
    dataDir,
    secrets: memorySecrets(),
    startPaperExchange: async () => ({ url, token, login: LOGIN, stop: async () => {} }),
    autoConnectProfileId: null,
    batchIntervalMs: 5,
    session: { requestTimeoutMs: 2000, heartbeatIntervalMs: 200, heartbeatTimeoutMs: 3000 },
  });
}

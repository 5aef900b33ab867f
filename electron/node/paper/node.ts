/** The bundled exchange as a Node child process (browser host, scripts). */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  launchPaperExchange,
  type SupervisedPaperExchange,
  type SuperviseOptions,
} from './exchange-process';
import type { RestartOptions } from './restarts';
import type { ReplayLaunch } from '../../core/api';

/** The checkout's root folder (this file lives in electron/node/paper/). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The exchange entry to fork: the built out/main/exchange.js unless sources are newer, else the CLI via tsx. */
function exchangeEntry(root: string = REPO_ROOT): { script: string; execArgv: string[] } {
  const built = path.join(root, 'out', 'main', 'exchange.js');
  const source = path.join(root, 'mock-exchange', 'cli.ts');
  const sourceExists = fs.existsSync(source);
  if (
    fs.existsSync(built) &&
    (!sourceExists || fs.statSync(built).mtimeMs >= newestMtime(path.join(root, 'mock-exchange')))
  ) {
    return { script: built, execArgv: [] };
  }
  return { script: source, execArgv: ['--import', 'tsx'] };
}

/** Options of `startNodePaperExchange`. */
export interface NodePaperExchangeOptions extends SuperviseOptions, RestartOptions {
  /** Override the entry (tests). */
  entry?: { script: string; execArgv: string[] };
  /** Replay a file instead of the simulated market (`--replay FILE --speed N`). */
  replay?: ReplayLaunch;
}

/** The paper exchange as a supervised Node child. */
export type NodePaperExchange = SupervisedPaperExchange;

/** Forks the exchange on a free loopback port with a fresh demo token (in its environment); resolves once it listens, restarts it if it dies. */
export async function startNodePaperExchange(
  dataDir: string,
  options: NodePaperExchangeOptions = {},
): Promise<NodePaperExchange> {
  const { script, execArgv } = options.entry ?? exchangeEntry();
  return launchPaperExchange(
    dataDir,
    (args, env) => {
      const child = fork(script, args, {
        cwd: REPO_ROOT,
        execArgv,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'json',
      });
      return {
        get pid() {
          return child.pid;
        },
        onMessage: (listener) => child.on('message', (message) => listener(message)),
        onExit: (listener) => {
          // 'close' (not 'exit'): stdio is drained, so a failure report has the child's last words.
          child.on('close', (code) => listener(code));
          // A failed spawn emits 'error' and may never emit 'exit'.
          child.on('error', () => listener(null));
        },
        stdout: child.stdout,
        stderr: child.stderr,
        send: (message) => void child.send(message as object),
        terminate: () => child.kill('SIGTERM'),
        forceKill: () => child.kill('SIGKILL'),
      };
    },
    options,
  );
}

/** The Electron-backed services the core needs: secrets, the paper exchange, the save dialog. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ReplayLaunch, SecretStore } from '../../../core/api';
import {
  launchPaperExchange,
  type SupervisedPaperExchange,
} from '../../../node/paper/exchange-process';
import { createFileSecretStore } from '../../../node/secret-file';
import type { BrowserWindowLike } from './electron-like';

/** Electron's safeStorage. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** A SecretStore whose values are encrypted with the OS keychain (safeStorage) in `filePath`. */
export function createSafeStorageSecretStore(
  safeStorage: SafeStorageLike,
  filePath: string,
): SecretStore {
  return createFileSecretStore(filePath, {
    encode(value) {
      if (!safeStorage.isEncryptionAvailable())
        throw new Error('The OS secret storage is not available');
      return safeStorage.encryptString(value).toString('base64');
    },
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  });
}

/** A utilityProcess child. */
export interface UtilityProcessChildLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
  /** Sends to the child's `process.parentPort` (a replay's controls). */
  postMessage?(message: unknown): void;
}

/** Electron's utilityProcess. */
export interface UtilityProcessLike {
  fork(
    modulePath: string,
    args: string[],
    options: { stdio: 'pipe'; serviceName: string; env: Record<string, string | undefined> },
  ): UtilityProcessChildLike;
}

/** Forks the built exchange (out/main/exchange.js) as a utility process (token in its environment); resolves once it listens, restarts it if it dies. */
export async function startUtilityPaperExchange(
  utilityProcess: UtilityProcessLike,
  exchangeScript: string,
  dataDir: string,
  log?: (line: string) => void,
  replay?: ReplayLaunch,
): Promise<SupervisedPaperExchange> {
  return launchPaperExchange(
    dataDir,
    (args, env) => {
      const child = utilityProcess.fork(exchangeScript, args, {
        stdio: 'pipe',
        serviceName: 'Paper exchange',
        env: { ...process.env, ...env },
      });
      return {
        get pid() {
          return child.pid;
        },
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.on('exit', listener),
        stdout: child.stdout,
        stderr: child.stderr,
        send: (message) => child.postMessage?.(message),
        terminate: () => child.kill(),
        forceKill: () => {
          if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
        },
      };
    },
    { log, replay },
  );
}

/** Electron's dialog (W: the window type). */
export interface DialogLike<W> {
  showSaveDialog(
    window: W,
    options: {
      title: string;
      defaultPath: string;
      filters: { name: string; extensions: string[] }[];
    },
  ): Promise<{ canceled: boolean; filePath?: string }>;
}

/** The core's `saveFile`: a save dialog (in `defaultDir`), then the file written; null when cancelled. */
export function saveFileWithDialog<W extends BrowserWindowLike>(
  dialog: DialogLike<W>,
  getWindow: () => W | null,
  defaultDir: string,
): (fileName: string, content: string) => Promise<{ path: string } | null> {
  return async (fileName, content) => {
    const window = getWindow();
    if (!window) return null;
    const choice = await dialog.showSaveDialog(window, {
      title: 'Export CSV',
      defaultPath: path.join(defaultDir, path.basename(fileName)),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (choice.canceled || !choice.filePath) return null;
    await fs.writeFile(choice.filePath, content, 'utf8');
    return { path: choice.filePath };
  };
}

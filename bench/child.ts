/** Bench scripts in child processes (same tsx loader), driven by messages. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A child process running `script` (a file of this folder) that answers each message with one. */
export class BenchChild {
  private readonly child: ChildProcess;
  private pending: { resolve(value: unknown): void; reject(error: Error): void } | null = null;

  constructor(script: string, nodeFlags: readonly string[] = []) {
    const path = fileURLToPath(new URL(script, import.meta.url));
    this.child = fork(path, [], {
      execArgv: [...process.execArgv, ...nodeFlags],
      stdio: 'inherit',
    });
    this.child.on('message', (message) => {
      const waiting = this.pending;
      this.pending = null;
      waiting?.resolve(message);
    });
    this.child.on('exit', (code) => {
      const waiting = this.pending;
      this.pending = null;
      waiting?.reject(new Error(`${script} exited with ${code ?? 'a signal'} before answering`));
    });
  }

  /** Sends `input` and resolves the child's answer. */
  ask<T>(input: unknown): Promise<T> {
    if (this.pending !== null) throw new Error('one question at a time');
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: (v) => resolve(v as T), reject };
      this.child.send(input as object);
    });
  }

  /** Ends the child (it exits when its channel closes). */
  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

/** Runs `script` in a fresh child for one question and resolves its answer. */
export async function runChild<T>(
  script: string,
  input: unknown,
  nodeFlags: readonly string[] = [],
): Promise<T> {
  const child = new BenchChild(script, nodeFlags);
  try {
    return await child.ask<T>(input);
  } finally {
    child.close();
  }
}

/**
 * The processes of the app bench's stream: what each used of the CPU
 * (`treeCpu`), and, with BENCH_APP_PIN=1, Chromium given a core of its own
 * (issue 17: "the load generator and the host not fighting Chromium for the
 * same core where possible, taskset"). On a two-core machine the host (this
 * process: the core, SQLite, the browser host's socket), the fake exchange
 * and Chromium share both cores.
 *
 * Pinned, Chromium's processes (the browser, its zygotes, the GPU process
 * and the renderer: every descendant of this process whose name starts
 * `chrom`) go to the last core; this process and every other descendant
 * (the fake exchange) to the others. `restore()` gives everybody every core
 * again. Measured worse on this machine (Chromium's own processes then share
 * one core: bench/README.md), so it is off unless asked for. Linux only
 * (`/proc`, `taskset`); elsewhere or on one core it does nothing and says why.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** What pinning did, for the figure's note, and how to undo it. */
export interface Pinning {
  /** E.g. "Chromium (6 processes) on core 1; host and exchange on core 0", or why not pinned. */
  note: string;
  restore(): void;
}

interface Proc {
  pid: number;
  ppid: number;
  name: string;
}

/** Every process's pid, parent and name, from /proc. */
function processes(): Proc[] {
  const list: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (name) state ppid ...: the name may hold spaces and parentheses.
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      list.push({ pid: Number(entry), ppid, name: stat.slice(open + 1, close) });
    } catch {
      // The process ended while we looked.
    }
  }
  return list;
}

/** The descendants of `root`, nearest first. */
function descendants(root: number): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(p.ppid));
    found.push(...next);
    frontier = next.map((p) => p.pid);
  }
  return found;
}

/** Sets the CPU list of every thread of `pid`; false when it is gone or refused. */
function pin(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins Chromium to the last core and the rest of this process tree to the others. */
export function pinChromiumApart(): Pinning {
  const cores = availableParallelism();
  const none = (why: string): Pinning => ({ note: `not pinned: ${why}`, restore: () => {} });
  if (process.env['BENCH_APP_PIN'] !== '1') return none('BENCH_APP_PIN=1 not set');
  if (process.platform !== 'linux') return none('not Linux');
  if (cores < 2) return none('one core');
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return none('no taskset');
  }
  const all = `0-${cores - 1}`;
  const browserCore = String(cores - 1);
  const others = cores === 2 ? '0' : `0-${cores - 2}`;
  const tree = descendants(process.pid);
  const chromium = tree.filter((p) => p.name.startsWith('chrom'));
  if (chromium.length === 0) return none('no Chromium process found');
  const rest = [process.pid, ...tree.filter((p) => !p.name.startsWith('chrom')).map((p) => p.pid)];
  const pinned = chromium.filter((p) => pin(p.pid, browserCore)).length;
  const apart = rest.filter((pid) => pin(pid, others)).length;
  return {
    note: `taskset: Chromium (${pinned} processes) on core ${browserCore}; host and fake exchange (${apart} processes) on ${others}`,
    restore: () => {
      for (const p of [...chromium.map((c) => c.pid), ...rest]) pin(p, all);
    },
  };
}

/** CPU seconds (user + system) used so far by each part of this process tree. */
export interface TreeCpu {
  /** This process: the browser host, its core and SQLite, and Playwright's client. */
  host: number;
  /** Every Chromium process. */
  chromium: number;
  /** The other descendants: the fake exchange. */
  exchange: number;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after "(name) ".
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU used so far by the host, Chromium and the fake exchange (Linux; zeros elsewhere). */
export function treeCpu(): TreeCpu {
  if (process.platform !== 'linux') return { host: 0, chromium: 0, exchange: 0 };
  const tree = descendants(process.pid);
  const sum = (procs: Proc[]): number => procs.reduce((s, p) => s + cpuSecondsOf(p.pid), 0);
  return {
    host: cpuSecondsOf(process.pid),
    chromium: sum(tree.filter((p) => p.name.startsWith('chrom'))),
    exchange: sum(tree.filter((p) => !p.name.startsWith('chrom'))),
  };
}

/**
 * The processes of the app bench's stream: what each used of the CPU
 * (`treeCpu`), and Chromium's drawing processes given a core of their own
 * (issue 17: "the load generator and the host not fighting Chromium for the
 * same core where possible, taskset"). On a two-core machine the host (this
 * process: the core, SQLite, the browser host's socket), the fake exchange
 * and Chromium share both cores.
 *
 * Pinned (the default; BENCH_APP_PIN=0 leaves everybody on every core), the
 * processes that make the page's frames, the renderer (the page's main thread,
 * its compositor and raster threads) and the GPU process (the display
 * compositor), go to the last core; this process, the fake exchange and
 * Chromium's other processes (the browser, its zygotes, the network service)
 * to the others. `restore()` gives everybody every core again.
 *
 * All of Chromium on one core (the fifth session's reading) was worse: the
 * browser process then took turns with the page. Linux only (`/proc`,
 * `taskset`); elsewhere or on one core it does nothing and says why.
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

/** Chromium's processes that make the page's frames (their `--type=`). */
const DRAWING_TYPES: ReadonlySet<string> = new Set(['renderer', 'gpu-process']);

/**
 * A Chromium process's `--type=` from its /proc command line (null: the browser
 * process): NUL-separated, or one line with spaces once Chromium has set the
 * process's title.
 */
export function chromiumTypeOf(cmdline: string): string | null {
  const type = cmdline.split(/[\0 ]/).find((a) => a.startsWith('--type='));
  return type === undefined ? null : type.slice('--type='.length);
}

function chromiumType(pid: number): string | null {
  try {
    return chromiumTypeOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return null;
  }
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

/** Pins Chromium's drawing processes to the last core and the rest of this process tree to the others. */
export function pinChromiumApart(): Pinning {
  const cores = availableParallelism();
  const none = (why: string): Pinning => ({ note: `not pinned: ${why}`, restore: () => {} });
  if (process.env['BENCH_APP_PIN'] === '0') return none('BENCH_APP_PIN=0');
  if (process.platform !== 'linux') return none('not Linux');
  if (cores < 2) return none('one core');
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return none('no taskset');
  }
  const all = `0-${cores - 1}`;
  const drawingCore = String(cores - 1);
  const others = cores === 2 ? '0' : `0-${cores - 2}`;
  const tree = descendants(process.pid);
  const drawing = tree.filter(
    (p) => p.name.startsWith('chrom') && DRAWING_TYPES.has(chromiumType(p.pid) ?? ''),
  );
  if (drawing.length === 0) return none('no Chromium renderer or GPU process found');
  const rest = [process.pid, ...tree.filter((p) => !drawing.includes(p)).map((p) => p.pid)];
  const pinned = drawing.filter((p) => pin(p.pid, drawingCore)).length;
  const apart = rest.filter((pid) => pin(pid, others)).length;
  return {
    note: `taskset: Chromium's renderer and GPU process (${pinned}) on core ${drawingCore}; host, fake exchange and Chromium's other processes (${apart}) on ${others}`,
    restore: () => {
      for (const pid of [...drawing.map((p) => p.pid), ...rest]) pin(pid, all);
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

/**
 * `exchange_rss_mb_1m_resting`: RSS of an exchange process holding
 * 1,000,000 resting orders across the default symbols, each run in a fresh
 * child process (so nothing of the other benches is counted).
 *
 * The child runs the exchange as the app ships it: bundled to JavaScript
 * (here with vite, as electron-vite bundles `mock-exchange/cli.ts` for the
 * app's utility process) on plain `node`. Under tsx the process also holds
 * tsx's loader (a worker thread with its own heap, about 40 MB), which the
 * shipped exchange never has; that figure is still measured once and given
 * in the note, so the two can be compared with earlier runs.
 */
import { fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child';
import { listOf, median, round } from './stats';
import type { BenchModule, BenchSettings, Figure } from './types';

interface Result {
  rssMb: number;
  heapMb: number;
  baseRssMb: number;
}

const ORDERS = 1_000_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Inside the project's node_modules (a tool cache, ignored by git), so the
 * bundle's package imports (ws, zod) resolve as the app's bundle resolves them.
 */
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'bench-memory');
const BUNDLE = 'memoryChild.mjs';

/** Bundles memoryChild.ts (and the exchange it imports) to one JavaScript file; returns its path. */
async function bundleChild(): Promise<string> {
  await mkdir(OUT_DIR, { recursive: true });
  // Loaded here, not at the top: the other benches do not need vite.
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    build: {
      ssr: path.join(ROOT, 'bench', 'memoryChild.ts'),
      outDir: OUT_DIR,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'es', entryFileNames: BUNDLE } },
    },
  });
  return path.join(OUT_DIR, BUNDLE);
}

/** Runs the bundled child on plain node (no tsx loader) for one measurement. */
function runBundled(file: string): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    const child = fork(file, [], { execArgv: ['--expose-gc'], stdio: 'inherit' });
    let answered = false;
    child.once('message', (message) => {
      answered = true;
      resolve(message as Result);
      child.disconnect();
    });
    child.once('exit', (code) => {
      if (!answered)
        reject(new Error(`${BUNDLE} exited with ${code ?? 'a signal'} before answering`));
    });
    child.send({ orders: ORDERS });
  });
}

/** The memory bench. */
export const memoryBench: BenchModule = {
  name: 'memory',
  async run(settings: BenchSettings): Promise<Figure[]> {
    const runs = settings.quick ? 1 : 3;
    const file = await bundleChild();
    const results: Result[] = [];
    for (let r = 0; r < runs; r++) {
      results.push(await runBundled(file));
      settings.log(`memory: run ${r + 1}/${runs}: rss ${round(results[r]?.rssMb ?? 0)} MB`);
    }
    const underTsx = await runChild<Result>('./memoryChild.ts', { orders: ORDERS }, [
      '--expose-gc',
    ]);
    settings.log(`memory: under tsx: rss ${round(underTsx.rssMb)} MB`);
    const rss = results.map((r) => r.rssMb);
    const heap = median(results.map((r) => r.heapMb));
    const base = median(results.map((r) => r.baseRssMb));
    return [
      {
        key: 'exchange_rss_mb_1m_resting',
        value: round(median(rss)),
        unit: 'MB',
        target: { op: '<=', value: 200 },
        note:
          `runs ${listOf(rss)}; heap used ${round(heap)} MB; exchange before the orders ${round(base)} MB; ` +
          `bundled on plain node as shipped (under tsx: ${round(underTsx.rssMb)} MB, ${round(underTsx.baseRssMb)} MB before the orders)`,
      },
    ];
  },
};

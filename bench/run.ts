/**
 * `npm run bench [-- --quick]`: runs every bench module, prints a table of
 * figures with their targets, and as its very last line one JSON object of
 * all figures by key. Progress goes to stderr.
 */
import { appBench } from './app';
import { chartBench } from './chart';
import { engineBench } from './engine';
import { exchangeBench } from './exchange';
import { historyBench } from './history';
import { memoryBench } from './memory';
import { replayBench } from './replay';
import { reviewBench } from './review';
import { meetsTarget, type BenchModule, type Figure } from './types';

/** The modules, in order; the app bench (part 3) will join this list. */
const MODULES: readonly BenchModule[] = [
  engineBench,
  memoryBench,
  exchangeBench,
  historyBench,
  appBench,
  chartBench,
  reviewBench,
  replayBench,
];

function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.key,
    `${f.value.toLocaleString('en-US')} ${f.unit}`,
    f.target ? `${f.target.op} ${f.target.value.toLocaleString('en-US')}` : '',
    f.target ? (meetsTarget(f) ? 'met' : 'NOT MET') : '',
    f.note ?? '',
  ]);
  const header = ['figure', 'value', 'target', '', 'note'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const log = (message: string): void => {
    process.stderr.write(`${message}\n`);
  };
  const started = performance.now();
  const figures: Figure[] = [];
  for (const module of MODULES) {
    if (only !== undefined && !only.split(',').includes(module.name)) continue;
    figures.push(...(await module.run({ quick, log })));
  }
  log(`bench: ${((performance.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick)' : ''}`);
  process.stdout.write(`${table(figures)}\n`);
  process.stdout.write(
    `${JSON.stringify(Object.fromEntries(figures.map((f) => [f.key, f.value])))}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

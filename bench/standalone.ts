/** Running one bench module alone (`npx tsx bench/<name>.ts [--quick]`). */
import { pathToFileURL } from 'node:url';
import type { BenchModule } from './types';

/**
 * When the module at `moduleUrl` (its `import.meta.url`) is the script node
 * was started with, runs `bench` and prints its figures: one JSON line of
 * key → value on stdout, one line per figure with unit and note on stderr.
 */
export function runIfMain(moduleUrl: string, bench: BenchModule): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  bench
    .run({
      quick: process.argv.includes('--quick'),
      log: (message) => process.stderr.write(`${message}\n`),
    })
    .then((figures) => {
      process.stdout.write(
        `${JSON.stringify(Object.fromEntries(figures.map((f) => [f.key, f.value])))}\n`,
      );
      for (const f of figures)
        process.stderr.write(`${f.key}: ${f.value} ${f.unit} (${f.note ?? ''})\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}

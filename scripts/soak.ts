/**
 * `npm run soak`: the Node project's tests at their heavy settings (SOAK=1:
 * the 1,000,000-frame fuzz, 100 sessions x 1,000 orders, 1,000 seeded fault
 * trials of the app against the exchange, the crash and property tests at
 * soak size), then one line of figures from the parts that record them
 * (`soakFigures` in mock-exchange/testing/env.ts). Exits with vitest's code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'pd-soak-'));
const figuresFile = path.join(dir, 'figures.jsonl');
const started = performance.now();
const run = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'node'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SOAK: '1', SOAK_FIGURES: figuresFile } },
);
const minutes = (performance.now() - started) / 60_000;

type Figures = Record<string, number | string>;
let parts: Figures[] = [];
try {
  parts = readFileSync(figuresFile, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Figures);
} catch {
  // No part recorded anything (all failed, or none ran).
}
rmSync(dir, { recursive: true, force: true });

const part = (name: string): Figures | undefined => parts.find((p) => p['part'] === name);
const n = (value: number | string | undefined): string =>
  typeof value === 'number' ? Math.round(value).toLocaleString('en-US') : '?';
const fuzz = part('fuzz');
const load = part('load');
const faults = part('faults');
const line = [
  fuzz ? `frames ${n(fuzz['frames'])}, crashes ${n(fuzz['crashes'])}` : 'fuzz: failed or not run',
  load
    ? `orders ${n(load['orders'])} over ${n(load['sessions'])} sessions, missing replies ${n(load['missingReplies'])}`
    : 'load: failed or not run',
  faults
    ? `trials ${n(faults['trials'])}, divergences ${n(faults['divergences'])}`
    : 'faults: failed or not run',
  `${minutes.toFixed(1)} min, tests ${run.status === 0 ? 'passed' : 'FAILED'}`,
].join('; ');
console.log(`soak: ${line}`);
process.exit(run.status ?? 1);

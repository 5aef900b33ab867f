/**
 * Our engine alone on the bench stream, for profiling:
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profileEngine.ts [ops] [runs]`.
 * Prints each run by the wall clock and by CPU time, then the medians (the
 * CPU-time figure is the steadier one on a shared machine). The loop is
 * `runOurs`, which drains executions as the server does (`ExecutionDrain`).
 */
import { prepare, runOurs } from './engine';
import { median } from './stats';
import { generateStream } from './stream';

const ops = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const p = prepare(generateStream(ops));
const wall: number[] = [];
const cpu: number[] = [];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
for (let r = 0; r < runs; r++) {
  const run = runOurs(p, p.stream.length);
  wall.push(run.opsPerSec);
  cpu.push(run.cpuOpsPerSec);
  process.stdout.write(
    `run ${r + 1}: ${fmt(run.opsPerSec)} ops/s, ${fmt(run.cpuOpsPerSec)} ops per CPU-second\n`,
  );
}
process.stdout.write(
  `median: ${fmt(median(wall))} ops/s, ${fmt(median(cpu))} ops per CPU-second\n`,
);

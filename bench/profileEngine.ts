/**
 * Our engine alone on the bench stream, for profiling:
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profileEngine.ts [ops] [runs]`.
 */
import { prepare, runOurs } from './engine';
import { generateStream } from './stream';

const ops = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const p = prepare(generateStream(ops));
for (let r = 0; r < runs; r++) {
  const { opsPerSec } = runOurs(p, p.stream.length);
  process.stdout.write(`run ${r + 1}: ${Math.round(opsPerSec).toLocaleString('en-US')} ops/s\n`);
}

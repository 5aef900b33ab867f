import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { CandleFiles } from './candleFiles';
import type { MinuteSeries } from './minuteSeries';
import { candle, seriesOf } from './testing/series';

const EURUSD = DEFAULT_INSTRUMENTS[0]!;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-files-'));
  dirs.push(dir);
  return dir;
}
const all = (s: MinuteSeries) => Array.from({ length: s.length }, (_, i) => s.at(i));

const three = [
  candle('2026-01-05T09:00:00Z', 108_500, 108_520, 108_490, 108_510, 300, 3),
  candle('2026-01-05T09:01:00Z', 108_510, 108_511, 108_400, 108_401, 100, 1),
  candle('2026-01-05T09:03:00Z', 108_401, 108_700, 108_401, 108_699, 5_000, 12),
];

describe('candle files', () => {
  it('a rewritten series loads back unchanged, in a 0600 file', () => {
    const dir = tempDir();
    const files = CandleFiles.open(dir);
    files.rewrite(EURUSD, seriesOf(three));
    files.close();
    const loaded = CandleFiles.open(dir).load(EURUSD);
    expect(loaded?.needsCompaction).toBe(false);
    expect(all(loaded!.series)).toEqual(three);
    expect(fs.statSync(files.fileOf('EURUSD')).mode & 0o777).toBe(0o600);
  });

  it('appended records merge on load, the last record of a minute winning', () => {
    const dir = tempDir();
    const files = CandleFiles.open(dir);
    files.append(EURUSD, three.slice(0, 2));
    const changed = { ...three[1]!, close: 1, count: 2 };
    files.append(EURUSD, [changed, three[2]!]);
    files.close();
    const loaded = CandleFiles.open(dir).load(EURUSD)!;
    expect(all(loaded.series)).toEqual([three[0], changed, three[2]]);
    expect(loaded.needsCompaction).toBe(true);
  });

  it('a torn last record (crash mid-append) is ignored and the rest survives', () => {
    const dir = tempDir();
    const files = CandleFiles.open(dir);
    files.rewrite(EURUSD, seriesOf(three));
    fs.appendFileSync(files.fileOf('EURUSD'), Buffer.alloc(20, 7));
    const loaded = files.load(EURUSD)!;
    expect(all(loaded.series)).toEqual(three);
    expect(loaded.needsCompaction).toBe(true);
  });

  it('a file written for another tick size is not read', () => {
    const dir = tempDir();
    const files = CandleFiles.open(dir);
    files.rewrite(EURUSD, seriesOf(three));
    expect(files.load({ ...EURUSD, tickSize: 0.0001 })).toBeNull();
  });

  it('an interrupted rewrite leaves the previous file in place', () => {
    const dir = tempDir();
    const files = CandleFiles.open(dir);
    files.rewrite(EURUSD, seriesOf(three));
    // A crash between writing the temp file and the rename: only the temp file is partial.
    fs.writeFileSync(`${files.fileOf('EURUSD')}.tmp`, 'garbage');
    expect(all(files.load(EURUSD)!.series)).toEqual(three);
  });
});

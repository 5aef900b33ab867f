/**
 * Imports a replay file from disk: parsed once, then kept with the
 * exchange's data (`<dataDir>/replay/<content hash>/`: the preview and the
 * candles in the Chart API's candle-file format) and reused by every later
 * start on the same file. Errors come back as values naming file and line.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Instrument } from '../../../shared/domain';
import type { Result } from '../../../shared/domain/result';
import { CandleFiles } from '../../chart/candleFiles';
import { MinuteSeries } from '../../chart/minuteSeries';
import { formatImportError, parseCandleCsv } from './csvImport';
import { ReplayPreview } from '../../../shared/protocol';
import { prepareReplay, type ReplayData } from './replayData';

/** Folder of imported replay files inside the exchange's data dir. */
export const REPLAY_DIR = 'replay';
const META_FILE = 'preview.json';

const ImportMeta = z.object({ preview: ReplayPreview });

/** Where an import's saved form lives for a file of this content and instrument override. */
function cacheDir(dataDir: string, content: Buffer, symbol: string | undefined): string {
  const hash = crypto
    .createHash('sha256')
    .update(content)
    .update(`\n${symbol ?? ''}`)
    .digest('hex');
  return path.join(dataDir, REPLAY_DIR, hash.slice(0, 24));
}

/** The saved import of this content, when a previous start made one and it still reads. */
function loadSaved(dir: string): ReplayData | null {
  try {
    const meta = ImportMeta.safeParse(
      JSON.parse(fs.readFileSync(path.join(dir, META_FILE), 'utf8')),
    );
    if (!meta.success) return null;
    const instrument = meta.data.preview.instrument;
    const loaded = CandleFiles.open(dir).load(instrument);
    if (!loaded || loaded.series.length !== meta.data.preview.candles) return null;
    return { instrument, candles: loaded.series.columns, preview: meta.data.preview };
  } catch {
    return null;
  }
}

function save(dir: string, data: ReplayData): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = CandleFiles.open(dir);
  files.rewrite(data.instrument, new MinuteSeries(data.candles));
  files.close();
  const tmp = path.join(dir, `${META_FILE}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ preview: data.preview }), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, META_FILE));
}

/** Reads (or reuses) a replay file; `symbol` overrides the instrument the file name gives. */
export function importReplayFile(
  filePath: string,
  options: { dataDir: string | null; instruments: readonly Instrument[]; symbol?: string },
): Result<ReplayData, string> {
  let content: Buffer;
  try {
    content = fs.readFileSync(filePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `${path.basename(filePath)}: cannot read the file: ${reason}` };
  }
  const dir = options.dataDir === null ? null : cacheDir(options.dataDir, content, options.symbol);
  const saved = dir === null ? null : loadSaved(dir);
  if (saved) return { ok: true, value: saved };
  const parsed = parseCandleCsv(path.basename(filePath), content.toString('utf8'));
  if (!parsed.ok) return { ok: false, error: formatImportError(parsed.error) };
  const data = prepareReplay(parsed.value, options.instruments, options.symbol);
  if (typeof data === 'string') return { ok: false, error: data };
  if (dir !== null) save(dir, data);
  return { ok: true, value: data };
}

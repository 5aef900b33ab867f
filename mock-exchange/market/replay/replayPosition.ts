/**
 * Where a replay stood when the exchange stopped, kept with `--data` so a
 * restart resumes there (a replay never goes backwards, and the journal's
 * orders are already later than the file's start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IsoTime, ReplaySpeed, SymbolName } from '../../../shared/protocol';
import { REPLAY_DIR } from './importStore';

const POSITION_FILE = 'position.json';

/** The saved position of a replay: which data (symbol and range), the replay time reached, and how it was playing. */
export const ReplayPosition = z.object({
  symbol: SymbolName,
  first: IsoTime,
  end: IsoTime,
  time: IsoTime,
  /**
   * Whether it was playing: a restart after a crash plays on, one after a
   * pause stays paused. Files from before this field resume playing, as they did.
   */
  playing: z.boolean().default(true),
  /** The speed it had (absent in older files). */
  speed: ReplaySpeed.optional(),
});
export type ReplayPosition = z.infer<typeof ReplayPosition>;

/** The saved position, or null when there is none or it does not read. */
export function loadReplayPosition(dataDir: string): ReplayPosition | null {
  try {
    const text = fs.readFileSync(path.join(dataDir, REPLAY_DIR, POSITION_FILE), 'utf8');
    const parsed = ReplayPosition.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves the position (temp file and rename, 0600). */
export function saveReplayPosition(dataDir: string, position: ReplayPosition): void {
  const dir = path.join(dataDir, REPLAY_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, POSITION_FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(position), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Marks the saved position paused, so the next start on `dataDir` opens
 * where it stopped without playing (the app reopening a past session).
 * Returns the position, or null when there is none.
 */
export function holdReplayPosition(dataDir: string): ReplayPosition | null {
  const saved = loadReplayPosition(dataDir);
  if (!saved) return null;
  if (saved.playing) saveReplayPosition(dataDir, { ...saved, playing: false });
  return { ...saved, playing: false };
}

/**
 * Where a replay stood when the exchange stopped, kept with `--data` so a
 * restart resumes there (a replay never goes backwards, and the journal's
 * orders are already later than the file's start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IsoTime, SymbolName } from '../../../shared/protocol';
import { REPLAY_DIR } from './importStore';

const POSITION_FILE = 'position.json';

/** The saved position of a replay: which data (symbol and range) and the replay time reached. */
export const ReplayPosition = z.object({
  symbol: SymbolName,
  first: IsoTime,
  end: IsoTime,
  time: IsoTime,
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

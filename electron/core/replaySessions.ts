/**
 * The replay sessions the user started, kept in a small JSON index in the
 * app's data dir (`<dataDir>/replay/sessions.json`), so they outlive the app:
 * each session's file and its exchange's state live in
 * `<dataDir>/replay/<id>/`, its history in the database under `replay:<id>`.
 * The index is validated on read; a damaged one is reported and set aside
 * (the sessions it still names correctly are kept), never fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IsoTime, ReplaySpeed, SymbolName } from '../../shared/protocol';

/** Folder of imported files and of each replay session's exchange state, inside the app's data dir. */
export const REPLAY_DIR = 'replay';
const INDEX_FILE = 'sessions.json';
/** Where a damaged index is moved, so the next save does not destroy what it held. */
const CORRUPT_FILE = 'sessions.corrupt.json';

/**
 * A session id: also its folder's name, so only plain characters (never `.`
 * or `..`, never a separator), and short enough for a profile id.
 */
export const ReplaySessionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,55}$/);

/** One session as the index keeps it. */
export const ReplaySessionRecord = z.object({
  id: ReplaySessionId,
  name: z.string().min(1).max(80),
  symbol: SymbolName,
  /** Open time of the file's first candle and end of its last, ISO. */
  first: IsoTime,
  end: IsoTime,
  candles: z.number().int().positive(),
  /** The file's name inside the session folder. */
  fileName: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]{1,200}$/),
  /** The speed it was started at (its exchange saves the speed it last had). */
  speed: ReplaySpeed,
  createdAt: z.number().int().nonnegative(),
});
export type ReplaySessionRecord = z.infer<typeof ReplaySessionRecord>;

const IndexFile = z.object({ version: z.literal(1), sessions: z.array(z.unknown()) });

/** The index of one data dir. */
export class ReplaySessions {
  private sessions: ReplaySessionRecord[];

  /** Reads the index; `report` is told (once) when it was damaged. */
  constructor(
    private readonly dataDir: string,
    report: (message: string) => void,
  ) {
    const read = readIndex(this.file);
    this.sessions = read.sessions;
    if (read.problem) {
      let kept = '';
      try {
        fs.renameSync(this.file, path.join(this.dir, CORRUPT_FILE));
        kept = ` (kept as ${CORRUPT_FILE})`;
      } catch {
        // Could not move it: the next save replaces it; the report still says what happened.
      }
      report(
        `The list of replay sessions could not be read: ${read.problem}${kept}. ` +
          `${read.sessions.length} session${read.sessions.length === 1 ? '' : 's'} kept.`,
      );
    }
  }

  /** Every session, newest first. */
  list(): readonly ReplaySessionRecord[] {
    return [...this.sessions].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** One session, or null. */
  get(id: string): ReplaySessionRecord | null {
    return this.sessions.find((s) => s.id === id) ?? null;
  }

  /** Adds (or replaces) a session and saves the index. */
  add(record: ReplaySessionRecord): void {
    const checked = ReplaySessionRecord.parse(record);
    this.write([...this.sessions.filter((s) => s.id !== checked.id), checked]);
  }

  /** Removes a session from the index and its folder from the disk. */
  remove(id: string): void {
    const session = this.get(id);
    if (!session) return;
    // The index first: a session half-removed from the disk is never listed again.
    this.write(this.sessions.filter((s) => s.id !== id));
    fs.rmSync(this.folder(session.id), { recursive: true, force: true });
  }

  /** The session's folder (its file and its exchange's state). */
  folder(id: string): string {
    // The id was checked against ReplaySessionId: it names a folder directly inside replay/.
    return path.join(this.dir, ReplaySessionId.parse(id));
  }

  /** The data dir of the session's exchange. */
  exchangeDir(id: string): string {
    return path.join(this.folder(id), 'exchange');
  }

  private get dir(): string {
    return path.join(this.dataDir, REPLAY_DIR);
  }

  private get file(): string {
    return path.join(this.dir, INDEX_FILE);
  }

  /** Writes the index (temp file and rename, 0600), then takes it as the list. */
  private write(sessions: ReplaySessionRecord[]): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const text = JSON.stringify({ version: 1, sessions }, null, 1);
    fs.writeFileSync(`${this.file}.tmp`, text, { mode: 0o600 });
    fs.renameSync(`${this.file}.tmp`, this.file);
    this.sessions = sessions;
  }
}

/** The sessions an index file holds, and what was wrong with it (null: nothing). */
function readIndex(file: string): { sessions: ReplaySessionRecord[]; problem: string | null } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], problem: null };
    return { sessions: [], problem: error instanceof Error ? error.message : String(error) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { sessions: [], problem: 'it is not JSON' };
  }
  const shape = IndexFile.safeParse(json);
  if (!shape.success) return { sessions: [], problem: 'it is not a list of sessions' };
  const sessions: ReplaySessionRecord[] = [];
  let bad = 0;
  for (const entry of shape.data.sessions) {
    const parsed = ReplaySessionRecord.safeParse(entry);
    if (parsed.success && !sessions.some((s) => s.id === parsed.data.id))
      sessions.push(parsed.data);
    else bad += 1;
  }
  return {
    sessions,
    problem: bad === 0 ? null : `${bad} entr${bad === 1 ? 'y is' : 'ies are'} damaged`,
  };
}

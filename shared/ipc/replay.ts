/**
 * Market replay over IPC: importing a candle file and starting a replay
 * session (its own profile id, so practice never mixes with live or paper
 * history), steering it, and reading where it stands.
 */
import { z } from 'zod';
import { ReplayPreview, ReplaySpeed, ReplayStatus } from '../protocol/replay';
import { IsoTime, SymbolName } from '../protocol/schemas';

/** Profile ids of replay sessions start with this. */
export const REPLAY_PROFILE_PREFIX = 'replay:';

/** True for the profile id of a replay session. */
export function isReplayProfile(profileId: string | null | undefined): boolean {
  return profileId?.startsWith(REPLAY_PROFILE_PREFIX) ?? false;
}

/** Largest file the app hands over (the browser host's frames are 8 MiB). */
export const REPLAY_MAX_FILE_CHARS = 7 * 1024 * 1024;

/** startReplay's input: the file's name (it names the instrument) and text, and the speed. */
export const StartReplayInput = z.object({
  fileName: z.string().trim().min(1).max(200),
  content: z.string().min(1, 'the file is empty').max(REPLAY_MAX_FILE_CHARS),
  speed: ReplaySpeed.default(1),
});
export type StartReplayInput = z.infer<typeof StartReplayInput>;

/** startReplay's output: the session's profile id, what the file holds, and where the replay stands. */
export const StartReplayOutput = z.object({
  profileId: z.string(),
  preview: ReplayPreview,
  status: ReplayStatus,
});
export type StartReplayOutput = z.infer<typeof StartReplayOutput>;

/**
 * A past replay session as the profile list shows it: what it replays and
 * where it stopped. Sessions outlive the app; reopening one connects it
 * paused at that time, with its orders and positions as they were.
 */
export const ReplaySessionInfo = z.object({
  symbol: SymbolName,
  /** Open time of the file's first candle and end of its last, ISO. */
  first: IsoTime,
  end: IsoTime,
  /** How many candles the file holds. */
  candles: z.number().int().positive(),
  /** The file's name as imported. */
  file: z.string().max(200),
  /** Replay time it reached (saved by its exchange), or null before the first save. */
  time: IsoTime.nullable(),
  /** True once it reached the end of the file. */
  ended: z.boolean(),
  /** When the session was started, epoch ms. */
  createdAt: z.number().int().nonnegative(),
});
export type ReplaySessionInfo = z.infer<typeof ReplaySessionInfo>;

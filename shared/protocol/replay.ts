/**
 * Market replay controls (the mock exchange's `--replay FILE --speed N`):
 * what a controller asks (play, pause, step one candle, change speed, jump
 * forward to a time) and the replay's state it gets back. Declared once,
 * read by the exchange and the app alike.
 */
import { z } from 'zod';
import { IsoTime, SymbolInfo, SymbolName } from './schemas';

/** Slowest and fastest replay, times real time. */
export const REPLAY_MIN_SPEED = 1;
export const REPLAY_MAX_SPEED = 500;

/** A replay speed, times real time (1x to 500x). */
export const ReplaySpeed = z.number().min(REPLAY_MIN_SPEED).max(REPLAY_MAX_SPEED);
export type ReplaySpeed = z.infer<typeof ReplaySpeed>;

/** The CSV layouts a replay file may be in. */
export const ReplayLayout = z.enum(['binance', 'histdata', 'plain']);
export type ReplayLayout = z.infer<typeof ReplayLayout>;

/** A run of minutes without a candle inside the file's range. */
export const ReplayGap = z.object({
  /** First missing minute, ISO. */
  from: z.string(),
  /** Missing minutes in a row. */
  minutes: z.number().int().positive(),
});
export type ReplayGap = z.infer<typeof ReplayGap>;

/** What a file holds, shown before it is replayed. */
export const ReplayPreview = z.object({
  file: z.string(),
  /** Which layout the file is in. */
  layout: ReplayLayout,
  instrument: SymbolInfo.required(),
  /** Where the rules came from: the instrument list, or the file's decimals. */
  rules: z.enum(['instrument list', 'file decimals']),
  candles: z.number().int().positive(),
  /** Open time of the first and of the last candle, ISO. */
  first: z.string(),
  last: z.string(),
  /** Minutes without a candle between first and last. */
  missingMinutes: z.number().int().nonnegative(),
  gapCount: z.number().int().nonnegative(),
  /** The longest gaps, longest first. */
  longestGaps: z.array(ReplayGap),
});
export type ReplayPreview = z.infer<typeof ReplayPreview>;

/** One control of a running replay. */
export const ReplayAction = z.discriminatedUnion('action', [
  /** Changes nothing: answers where the replay stands. */
  z.object({ action: z.literal('status') }),
  z.object({ action: z.literal('play') }),
  z.object({ action: z.literal('pause') }),
  /** Plays to the end of the candle now forming (or the next one, in a gap). */
  z.object({ action: z.literal('step') }),
  z.object({ action: z.literal('speed'), speed: ReplaySpeed }),
  /** Jumps forward to a time; the candles passed become history. Never backwards. */
  z.object({ action: z.literal('jump'), time: IsoTime }),
]);
export type ReplayAction = z.infer<typeof ReplayAction>;

/** Where a replay stands. */
export const ReplayStatus = z.object({
  /** The replayed instrument. */
  symbol: SymbolName,
  /** Replay time now, ISO. */
  time: IsoTime,
  /** Open time of the file's first candle and end of its last, ISO. */
  first: IsoTime,
  end: IsoTime,
  playing: z.boolean(),
  speed: ReplaySpeed,
  /** True once the last candle has passed: the market stays still. */
  ended: z.boolean(),
});
export type ReplayStatus = z.infer<typeof ReplayStatus>;

/**
 * Replay controls between the exchange process and the process that
 * launched it (IPC): a control is `{type: 'replay', action, ...}`, answered
 * `{type: 'replay', status}` or `{type: 'replay', error}`. Only that parent
 * can steer the replay, so the order socket's wire protocol and the
 * unauthenticated Chart API stay as they are.
 */
import { z } from 'zod';
import { ReplayAction, ReplayStatus } from '../../../shared/protocol';

const tagged = { type: z.literal('replay') };

/** A control sent to the exchange process. */
export const ReplayControlMessage = z.intersection(z.object(tagged), ReplayAction);
export type ReplayControlMessage = z.infer<typeof ReplayControlMessage>;

/** The exchange process's answer to a control. */
export const ReplayControlAnswer = z.union([
  z.object({ ...tagged, status: ReplayStatus }),
  z.object({ ...tagged, error: z.string() }),
]);
export type ReplayControlAnswer = z.infer<typeof ReplayControlAnswer>;

/** What command handlers see of the core. */
import type { z } from 'zod';
import type {
  CommandName,
  CommandOutput,
  IpcResult,
  Notification,
  commands,
} from '../../shared/ipc';
import type { HistoryDb } from '../db';
import type { CoreOptions } from './api';
import type { Connection } from './connection';
import type { EventBatcher } from './eventBatcher';
import type { LiveState } from './liveState';
import type { Profiles } from './profiles';
import type { ToolsRuntime } from '../tools/runtime';

/** The core's parts, as handlers use them. */
export interface CoreContext {
  options: CoreOptions;
  db: HistoryDb;
  profiles: Profiles;
  connection: Connection;
  batcher: EventBatcher;
  /** The trading tools (limits, brackets, trailing stops, alerts) of the current profile. */
  tools: ToolsRuntime;
  /** The live state of the current profile. */
  live(): LiveState;
  /** Recent notifications, oldest first. */
  notifications(): Notification[];
  notify(kind: Notification['kind'], message: string, orderId: number | null): void;
  now(): number;
}

/** A command's input after its schema parsed it. */
export type ParsedInput<C extends CommandName> = z.output<(typeof commands)[C]['input']>;

/** One handler per command of the contract. */
export type Handlers = {
  [C in CommandName]: (
    ctx: CoreContext,
    input: ParsedInput<C>,
  ) => Promise<IpcResult<CommandOutput<C>>> | IpcResult<CommandOutput<C>>;
};

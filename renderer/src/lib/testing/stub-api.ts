/**
 * A stub of main's api for component tests. It holds no exchange rules: each
 * command gets a plain default reply (the snapshot's rows, an accepted order,
 * `ok(null)`) that a test can replace with `reply`, every call is recorded
 * after its input is checked against the contract as main checks it, and a
 * test pushes event batches with `emit`, as main's batcher would, to say how
 * main reacted.
 */
import type { z } from 'zod';
import {
  commands,
  disconnectedStatus,
  type Api,
  type CommandName,
  type CommandOutput,
  type EventBatch,
  type IpcResult,
  type Settings,
  type Snapshot,
  type ToolsState,
  DEFAULT_TOOL_SETTINGS,
} from '../../../../shared/ipc';
import { emptyReport, stubPlan } from './tools-stub';
import { createApi } from '../../../../shared/ipc/bridge';
import { describeZodError } from '../../../../shared/protocol';
import { connectedTo, snapshot } from './fixtures';
import { historyPageOf } from './history-stub';
import { emptyAccount, emptyReview } from '../account/testing/accountStub';

/** A command's input after the contract's schema (defaults applied). */
type ParsedInput<C extends CommandName> = z.output<(typeof commands)[C]['input']>;

/** How the stub answers one command. */
type Reply<C extends CommandName> = (
  input: ParsedInput<C>,
) => IpcResult<CommandOutput<C>> | Promise<IpcResult<CommandOutput<C>>>;

type Replies = { [C in CommandName]: Reply<C> };

/** The stub's extra controls. */
export interface StubApi extends Api {
  /** Every command called, in order, with its input as sent. */
  readonly calls: { command: CommandName; input: unknown }[];
  /** Delivers a batch to the subscribers, as main does. */
  emit(batch: EventBatch): void;
  /** Replaces how a command is answered. */
  reply<C extends CommandName>(command: C, answer: Reply<C>): void;
}

/** A successful reply. */
export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** Creates a stub whose snapshot is the test's rows over the default first frame. */
export function createStubApi(
  options: Partial<Omit<Snapshot, 'settings'>> & { settings?: Partial<Settings> } = {},
): StubApi {
  const first = snapshot({ ...options, settings: { ...snapshot().settings, ...options.settings } });
  let settings = first.settings;
  let nextOrderId = Math.max(0, ...first.orders.map((o) => o.orderId)) + 1;
  const placed = () => {
    const orderId = nextOrderId++;
    return { orderId, clientOrderId: `c${orderId}`, status: 'NEW' as const };
  };
  const profileNamed = (id: string) => first.profiles.find((p) => p.id === id);
  let tools: ToolsState = {
    settings: DEFAULT_TOOL_SETTINGS,
    brackets: [],
    trailingStops: [],
    alerts: [],
  };

  const replies: Replies = {
    getSnapshot: () => ok({ ...first, settings }),
    listProfiles: () => ok(first.profiles),
    saveProfile: (input) =>
      ok({
        id: input.id ?? 'profile-1',
        name: input.name,
        kind: 'remote',
        url: input.url,
        login: input.login ?? null,
        hasToken: input.token !== undefined,
        revision: input.revision ?? 'auto',
        chartUrl: input.chartUrl ?? null,
        instruments: input.instruments ?? [],
      }),
    deleteProfile: () => ok(null),
    connect: ({ profileId }) => {
      const profile = profileNamed(profileId);
      return profile
        ? ok(connectedTo(profile))
        : { ok: false, error: { code: 'NOT_FOUND', message: `No profile ${profileId}` } };
    },
    disconnect: () => ok(disconnectedStatus()),
    placeOrder: () => ok(placed()),
    placeOco: () => ok([placed(), placed()]),
    modifyOrder: () => ok(null),
    cancelOrder: () => ok(null),
    cancelAll: () => ok({ requested: 0, cancelled: 0, alreadyFinal: 0, failed: [] }),
    orderDetail: ({ orderId }) => {
      const order = first.orders.find((o) => o.orderId === orderId);
      return order
        ? ok({ order, fills: first.fills.filter((f) => f.orderId === orderId) })
        : { ok: false, error: { code: 'NOT_FOUND', message: `Unknown order ${orderId}.` } };
    },
    queryOrders: () => ok(first.orders),
    queryFills: () => ok(first.fills),
    queryPositions: () => ok(first.positions),
    queryHistory: (input) => historyPageOf(first, input),
    exportCsv: () => ok({ status: 'download' }),
    getSettings: () => ok(settings),
    saveSettings: (patch) => {
      settings = { ...settings, ...patch };
      return ok(settings);
    },
    chartCandles: () => ok([]),
    chartPivots: () => ok({ PP: 1, S1: 1, S2: 1, S3: 1, R1: 1, R2: 1, R3: 1 }),
    getAccount: () => ok(emptyAccount()),
    saveAccountSettings: () => ok(emptyAccount()),
    resetPaperAccount: () => ok(emptyAccount()),
    reviewRange: () => ok(emptyReview()),
    reviewTrips: () => ok({ trips: [], total: 0 }),
    reviewExcursions: () => ok([]),
    saveJournal: (input) => ok({ ...input, updatedAt: 0 }),
    searchJournal: () => ok([]),
    orderAudit: () => ok([]),
    reviewExport: () => ok({ fileName: 'review.csv', content: '', next: null }),
    startReplay: () => ({
      ok: false,
      error: { code: 'INTERNAL', message: 'The stub api replays nothing' },
    }),
    replayControl: () => ({
      ok: false,
      error: { code: 'NOT_CONNECTED', message: 'No replay is connected' },
    }),
    replayStatus: () => ok(null),
    getTools: () => ok(tools),
    saveToolSettings: (input) => {
      tools = { ...tools, settings: input };
      return ok(input);
    },
    placeBracket: ({ entry, bracket }) => {
      const order = placed();
      return ok({ plan: stubPlan(`bk${order.orderId}`, entry, bracket), order });
    },
    cancelBracket: () => ok(null),
    closePosition: () => ok(emptyReport()),
    reversePosition: () => ok(emptyReport()),
    flatten: () => ok(emptyReport()),
    startTrailingStop: ({ orderId, distance }) =>
      ok({
        id: `tr${orderId}`,
        orderId,
        symbol: first.orders.find((o) => o.orderId === orderId)?.symbol ?? 'EURUSD',
        side: 'SELL',
        distance,
        bestPrice: null,
        stopPrice: 0,
        limitPrice: null,
        state: 'trailing',
        reason: null,
        updatedAt: 0,
      }),
    stopTrailingStop: () => ok(null),
    saveAlert: (input) =>
      ok({
        id: input.id ?? 'al1',
        ...input,
        armed: true,
        lastPrice: null,
        firedAt: null,
        firedPrice: null,
        createdAt: 0,
      }),
    rearmAlert: () => ok(null),
    deleteAlert: () => ok(null),
    watchDepth: () => ok({ supported: true }),
    unwatchDepth: () => ok(null),
  };

  const calls: StubApi['calls'] = [];
  const listeners = new Set<(batch: EventBatch) => void>();

  const invoke = async (command: CommandName, input: unknown): Promise<IpcResult<unknown>> => {
    calls.push({ command, input });
    const parsed = commands[command].input.safeParse(input);
    if (!parsed.success) {
      const { field, message } = describeZodError(parsed.error);
      return { ok: false, error: { code: 'INVALID_INPUT', field, message } };
    }
    // The table pairs each command with its own reply; the lookup loses that pairing.
    const answer = replies[command] as (input: unknown) => ReturnType<Reply<CommandName>>;
    return answer(parsed.data);
  };

  return Object.assign(
    createApi({
      invoke,
      onEvents(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
    {
      calls,
      emit(batch: EventBatch) {
        for (const listener of [...listeners]) listener(batch);
      },
      reply<C extends CommandName>(command: C, answer: Reply<C>) {
        (replies as Record<C, Reply<C>>)[command] = answer;
      },
    },
  );
}

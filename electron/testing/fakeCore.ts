/**
 * A fake Core for the hosts' tests: validates inputs with the contract's
 * schemas (like the real core), answers from canned outputs, records calls,
 * and emits event batches on demand.
 */
import { commands, type CommandName, type EventBatch, type IpcResult } from '../../shared/ipc';
import type { Core } from '../core/api';

/** The fake plus test controls. */
export interface FakeCore extends Core {
  calls: { command: CommandName; input: unknown }[];
  emit(batch: EventBatch): void;
  closed: boolean;
  listenerCount(): number;
}

/** Creates a fake core; `answers` gives a command's output (default: null). */
export function createFakeCore(
  answers: Partial<Record<CommandName, (input: unknown) => unknown>> = {},
): FakeCore {
  const listeners = new Set<(batch: EventBatch) => void>();
  const fake: FakeCore = {
    calls: [],
    closed: false,
    async invoke(command, input): Promise<IpcResult<unknown>> {
      const parsed = commands[command].input.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: issue?.message ?? 'invalid input',
            field: issue?.path.join('.') || undefined,
          },
        };
      }
      fake.calls.push({ command, input: parsed.data });
      const answer = answers[command];
      return { ok: true, value: answer ? answer(parsed.data) : null };
    },
    onEvents(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      fake.closed = true;
    },
    emit(batch) {
      for (const listener of listeners) listener(batch);
    },
    listenerCount: () => listeners.size,
  };
  return fake;
}

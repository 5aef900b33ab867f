/** Runs one command: look it up in the contract, validate its input, run its handler; never throws. */
import type { z } from 'zod';
import { COMMAND_NAMES, commands } from '../../shared/ipc';
import type { CommandName, IpcResult } from '../../shared/ipc';
import type { CoreContext, Handlers } from './context';
import { failure, fromZodError } from './errors';

const isCommand = (name: unknown): name is CommandName =>
  typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);

/** Validates and runs `command` with untrusted `input`. */
export async function invokeCommand(
  ctx: CoreContext,
  handlers: Handlers,
  command: unknown,
  input: unknown,
): Promise<IpcResult<unknown>> {
  if (!isCommand(command)) {
    return failure({
      code: 'INVALID_INPUT',
      field: 'command',
      message: `Unknown command ${String(command)}`,
    });
  }
  const schema: z.ZodType = commands[command].input;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  try {
    const handler = handlers[command] as (
      ctx: CoreContext,
      input: unknown,
    ) => Promise<IpcResult<unknown>> | IpcResult<unknown>;
    return await handler(ctx, parsed.data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.options.log?.(`core: ${command} failed: ${message}`);
    return failure({ code: 'INTERNAL', message: `${command} failed: ${message}` });
  }
}

/** IPC error values the core returns (never throws). */
import type { z } from 'zod';
import type { IpcError, IpcResult } from '../../shared/ipc';
import { describeZodError } from '../../shared/protocol';
import type { SessionError } from '../session';

/** A successful result. */
export function success<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** A failed result. */
export function failure<T = never>(error: IpcError): IpcResult<T> {
  return { ok: false, error };
}

/** INVALID_INPUT naming the field at fault. */
export function invalidInput<T = never>(field: string, message: string): IpcResult<T> {
  return failure({ code: 'INVALID_INPUT', field, message: `${field}: ${message}` });
}

/** INVALID_INPUT from a zod error. */
export function fromZodError<T = never>(error: z.ZodError): IpcResult<T> {
  const { field, message } = describeZodError(error);
  return invalidInput(field === 'message' ? 'input' : field, message);
}

/** Maps a session failure to an IPC error. */
export function fromSessionError<T = never>(error: SessionError): IpcResult<T> {
  switch (error.kind) {
    case 'exchange':
      return failure({
        code: 'EXCHANGE',
        ...(error.code !== null && { exchangeCode: error.code }),
        message: error.message,
      });
    case 'unreadable':
      return failure({ code: 'EXCHANGE', message: error.message });
    case 'not_connected':
      return failure({ code: 'NOT_CONNECTED', message: error.message });
    case 'timeout':
      return failure({ code: 'TIMEOUT', message: error.message });
  }
}

/** NOT_CONNECTED. */
export function notConnected<T = never>(): IpcResult<T> {
  return failure({ code: 'NOT_CONNECTED', message: 'Not connected to the exchange' });
}

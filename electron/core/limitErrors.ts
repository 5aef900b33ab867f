/** The IPC error of an order a safety limit refused. */
import type { IpcResult } from '../../shared/ipc';
import type { LimitBreach } from '../tools/limits';
import { failure } from './errors';

/** LIMIT_EXCEEDED naming the field at fault; the renderer's override dialog may resend. */
export function limitExceeded<T = never>(breach: LimitBreach): IpcResult<T> {
  return failure({ code: 'LIMIT_EXCEEDED', field: breach.field, message: breach.message });
}

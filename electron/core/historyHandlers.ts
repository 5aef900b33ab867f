/**
 * Handlers of the history blotters: pages through SQLite (`queryHistory`) and
 * streamed CSV exports (`exportCsv`): the renderer sends the file in pieces,
 * each well under a browser-host frame, and the host's save dialog writes it.
 */
import { randomBytes } from 'node:crypto';
import type { CommandOutput, IpcResult } from '../../shared/ipc';
import { isSortable } from '../db';
import type { CoreContext, ParsedInput } from './context';
import { failure, invalidInput, success } from './errors';
import { toFillRow } from './liveState';

/** queryHistory: one keyset page of the Orders or Fills blotter, and the count when asked. */
export function queryHistory(
  ctx: CoreContext,
  input: ParsedInput<'queryHistory'>,
): IpcResult<CommandOutput<'queryHistory'>> {
  if (!isSortable(input.blotter, input.sort.columnId))
    return invalidInput('sort', `${input.blotter} cannot be sorted by ${input.sort.columnId}`);
  // Rows queued for the database are part of the history the user has seen.
  ctx.batcher.flush();
  const profileId = ctx.live().profileId;
  const page = ctx.db.historyPage(profileId, input);
  const total = input.count ? ctx.db.historyCount(profileId, input.blotter, input.filter) : null;
  const bounds = {
    first: page.cursors[0] ?? null,
    last: page.cursors.at(-1) ?? null,
    total,
  };
  return success(
    page.blotter === 'orders'
      ? { blotter: 'orders', rows: page.rows, ...bounds }
      : { blotter: 'fills', rows: page.rows.map(toFillRow), ...bounds },
  );
}

/** An export in progress: its file name and the pieces received so far. */
interface PendingExport {
  fileName: string;
  chunks: string[];
}

/** Exports in progress, per core (a core's context lives as long as the core). */
const pending = new WeakMap<CoreContext, Map<string, PendingExport>>();

function exportsOf(ctx: CoreContext): Map<string, PendingExport> {
  let map = pending.get(ctx);
  if (!map) {
    map = new Map();
    pending.set(ctx, map);
  }
  return map;
}

/** exportCsv: begin (or `download` when the host has no dialog), append, finish with the dialog, abort. */
export async function exportCsv(
  ctx: CoreContext,
  input: ParsedInput<'exportCsv'>,
): Promise<IpcResult<CommandOutput<'exportCsv'>>> {
  const exports = exportsOf(ctx);
  if (input.op === 'begin') {
    if (!ctx.options.saveFile) return success({ status: 'download' });
    const exportId = randomBytes(9).toString('hex');
    exports.set(exportId, { fileName: input.fileName, chunks: [] });
    return success({ status: 'streaming', exportId });
  }
  const job = exports.get(input.exportId);
  if (!job) return failure({ code: 'NOT_FOUND', message: `No export ${input.exportId}` });
  switch (input.op) {
    case 'append':
      job.chunks.push(input.chunk);
      return success({ status: 'appended' });
    case 'abort':
      exports.delete(input.exportId);
      return success({ status: 'canceled' });
    case 'finish': {
      exports.delete(input.exportId);
      const save = ctx.options.saveFile;
      if (!save) return success({ status: 'download' });
      const saved = await save(job.fileName, job.chunks.join(''));
      return success(saved ? { status: 'saved', path: saved.path } : { status: 'canceled' });
    }
  }
}

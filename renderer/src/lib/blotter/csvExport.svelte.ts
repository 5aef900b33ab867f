/**
 * A streamed CSV export: pieces of the file go to main one command each (the
 * host's save dialog writes the file), or are kept for a download in the page
 * when the host has no dialog. Progress is state; a long export can be cancelled.
 */
import { CSV_CHUNK_MAX_CHARS, type Api } from '../../../../shared/ipc';

/** One piece of the file and how many rows it holds. */
export interface CsvPiece {
  text: string;
  rows: number;
}

/** Where the pieces come from: the row count first, then the pieces in order. */
export interface CsvSource {
  /** Rows the file will hold (for the progress line). */
  total: number;
  pieces: AsyncIterable<CsvPiece> | Iterable<CsvPiece>;
}

/** Rows exported so far, of how many. */
export interface CsvProgress {
  done: number;
  total: number;
}

/** Splits text into pieces a single command may carry. */
export function splitForWire(text: string, max = CSV_CHUNK_MAX_CHARS): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += max) out.push(text.slice(i, i + max));
  return out;
}

export class CsvExport {
  /** Null when no export runs. */
  progress = $state.raw<CsvProgress | null>(null);
  #cancelled = false;

  /** Stops the running export after its current piece (nothing is saved). */
  cancel(): void {
    this.#cancelled = true;
  }

  /** Runs an export; resolves to the outcome in words. */
  async run(api: Api, fileName: string, open: () => Promise<CsvSource>): Promise<string> {
    if (this.progress !== null) return 'An export is already running';
    this.#cancelled = false;
    this.progress = { done: 0, total: 0 };
    try {
      return await this.#stream(api, fileName, open);
    } catch (error) {
      return `Export failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.progress = null;
    }
  }

  async #stream(api: Api, fileName: string, open: () => Promise<CsvSource>): Promise<string> {
    const begun = await api.exportCsv({ op: 'begin', fileName });
    if (!begun.ok) return `Export failed: ${begun.error.message}`;
    const exportId = begun.value.status === 'streaming' ? begun.value.exportId : null;
    const kept: string[] = [];
    const abort = async () => {
      if (exportId !== null) await api.exportCsv({ op: 'abort', exportId });
      return 'Export canceled';
    };
    const source = await open();
    let done = 0;
    this.progress = { done, total: source.total };
    for await (const piece of source.pieces) {
      if (this.#cancelled) return abort();
      for (const chunk of splitForWire(piece.text)) {
        if (exportId === null) kept.push(chunk);
        else {
          const sent = await api.exportCsv({ op: 'append', exportId, chunk });
          if (!sent.ok) return `Export failed: ${sent.error.message}`;
        }
      }
      done += piece.rows;
      this.progress = { done, total: Math.max(done, source.total) };
    }
    if (this.#cancelled) return abort();
    if (exportId === null) {
      downloadParts(fileName, kept);
      return `Downloaded ${fileName} (${done} rows)`;
    }
    const finished = await api.exportCsv({ op: 'finish', exportId });
    if (!finished.ok) return `Export failed: ${finished.error.message}`;
    return finished.value.status === 'saved'
      ? `Saved ${finished.value.path} (${done} rows)`
      : 'Export canceled';
  }
}

/** Downloads a file made of text parts from the page (a Blob joins them; no giant string). */
function downloadParts(fileName: string, parts: string[]): void {
  const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

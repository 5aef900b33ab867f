/** Journal writers for tests: the real one with a switch that makes writes fail like a broken or full disk. */
import * as fs from 'node:fs';
import type { JournalWriter } from '../journal';

/** An errno error as node:fs throws it. */
export function fsError(code: 'EIO' | 'ENOSPC'): NodeJS.ErrnoException {
  const text = code === 'EIO' ? 'i/o error' : 'no space left on device';
  return Object.assign(new Error(`${code}: ${text}, write`), { code, errno: -1, syscall: 'write' });
}

/**
 * Writes through node:fs unless told otherwise: `failWith` makes every write
 * throw (a dead disk); `capacity` makes writes that would grow a file past
 * that many bytes throw ENOSPC (a full disk), while overwrites below it
 * still succeed, as on a real filesystem.
 */
export class SwitchableWriter implements JournalWriter {
  failWith: NodeJS.ErrnoException | null = null;
  capacity = Number.POSITIVE_INFINITY;
  /** With `failWith`: this many more writes succeed before it applies. */
  passBeforeFailing = 0;
  /** The next write puts down only its first three quarters, then fails (a torn write). */
  tearNext = false;
  /** Writes attempted so far (including failed ones). */
  attempts = 0;

  write(fd: number, text: string, position: number): void {
    this.attempts += 1;
    if (this.failWith && this.passBeforeFailing-- <= 0) throw this.failWith;
    const bytes = Buffer.from(text, 'utf8');
    if (this.tearNext) {
      this.tearNext = false;
      fs.writeSync(fd, bytes, 0, Math.floor((bytes.length * 3) / 4), position);
      throw fsError('EIO');
    }
    if (position + bytes.length > Math.max(this.capacity, fs.fstatSync(fd).size)) {
      throw fsError('ENOSPC');
    }
    let written = 0;
    while (written < bytes.length) {
      written += fs.writeSync(fd, bytes, written, bytes.length - written, position + written);
    }
  }
}

/** A small tmpfs for disk-full tests (root only), and a filler that uses up its space. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A mounted tmpfs, or why none could be mounted. */
export type Tmpfs = { ok: true; dir: string; unmount(): void } | { ok: false; reason: string };

/** The first line of what a failed command said (its stderr, else the error). */
function message(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
  const text = stderr || (error instanceof Error ? error.message : String(error));
  return text.split('\n')[0] ?? text;
}

/** Mounts a tmpfs of `size` (e.g. `2m`) on a fresh directory; never throws. */
export function mountTmpfs(size: string): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    fs.rmdirSync(dir);
    const who = process.getuid?.() === 0 ? 'root' : `uid ${process.getuid?.() ?? '?'}`;
    return { ok: false, reason: `cannot mount a tmpfs as ${who}: ${message(error)}` };
  }
  return {
    ok: true,
    dir,
    unmount: () => {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' }); // still busy: detach it
      }
      fs.rmdirSync(dir);
    },
  };
}

/** Writes `file` until the filesystem is full; returns the bytes written. */
export function fillDisk(file: string): number {
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  const fd = fs.openSync(file, 'w');
  let total = 0;
  try {
    for (let size = chunk.length; size > 0;) {
      try {
        total += fs.writeSync(fd, chunk, 0, size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        size = size >> 1; // the last pages: smaller and smaller writes until not a byte fits
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return total;
}

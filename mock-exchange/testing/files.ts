/** Temporary folders for tests, removed when the test is done with them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder and a function removing it. */
export function tempDir(prefix = 'paper-desk-test-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

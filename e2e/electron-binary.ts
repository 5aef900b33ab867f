import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a runnable Electron binary is installed, and why not. */
export function electronBinary():
  { available: true; path: string } | { available: false; reason: string } {
  const dir = join(import.meta.dirname, '..', 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      available: false,
      reason: 'no Electron binary installed (node_modules/electron/path.txt missing)',
    };
  }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary))
    return { available: false, reason: `Electron binary missing at ${binary}` };
  return { available: true, path: binary };
}

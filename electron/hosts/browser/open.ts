/** Opening the app's address in the user's browser, where the desktop offers a way. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Finds an executable on PATH; null when absent. */
function findExecutable(name: string, searchPath: string = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Opens `url` with xdg-open (Linux) / open (macOS) / start (Windows); false when no opener exists. */
export function openInBrowser(url: string): boolean {
  const command =
    process.platform === 'darwin'
      ? findExecutable('open')
      : process.platform === 'win32'
        ? 'explorer.exe'
        : findExecutable('xdg-open');
  if (!command) return false;
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
  return true;
}

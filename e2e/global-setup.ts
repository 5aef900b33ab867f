import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds the app once (renderer, preload, main) so both hosts run the current code. */
export default function globalSetup(): void {
  const root = join(import.meta.dirname, '..');
  const started = Date.now();
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      { cwd: root, stdio: 'pipe', encoding: 'utf8' },
    );
  } catch (error) {
    // The build's own output only when it failed (it is noisy otherwise).
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    console.error(`${stdout ?? ''}${stderr ?? ''}`);
    throw new Error('[e2e] the app build (electron-vite build) failed', { cause: error });
  }
  console.log(`[e2e] app built in ${Date.now() - started} ms`);
}

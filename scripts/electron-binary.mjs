// The one Electron-binary lookup, shared by `npm start` and the e2e config. Never downloads.
import fs from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve(import.meta.dirname, '..', 'node_modules', 'electron');

/** Whether a runnable Electron binary is installed (honours ELECTRON_OVERRIDE_DIST_PATH), and why not. */
export function findElectronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return {
      available: false,
      reason: 'no Electron binary installed (node_modules/electron/path.txt missing)',
    };
  }
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const binary = path.join(dist, relative);
  if (!relative || !fs.existsSync(binary))
    return { available: false, reason: `Electron binary missing at ${binary}` };
  return { available: true, path: binary };
}

/** The folder of the installed electron package (its install.js fetches the binary). */
export const ELECTRON_PACKAGE_DIR = electronDir;

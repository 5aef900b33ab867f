#!/usr/bin/env node
// `npm start`: the Electron app where an Electron binary exists; otherwise the
// browser host (same core, same renderer) opened in the desktop's browser.
// Extra arguments go to the browser host (e.g. `npm start -- --no-open`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ELECTRON_PACKAGE_DIR, findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const INSTALL_TIMEOUT_MS = 30_000;

/** The Electron executable's path when it is installed, else null (never triggers a download). */
function electronBinary() {
  const found = findElectronBinary();
  return found.available ? found.path : null;
}

/** Tries once to fetch the binary with Electron's own installer, bounded in time and quiet. */
function tryInstallElectron() {
  const installer = path.join(ELECTRON_PACKAGE_DIR, 'install.js');
  if (!fs.existsSync(installer)) return null;
  spawnSync(process.execPath, [installer], {
    cwd: ELECTRON_PACKAGE_DIR,
    stdio: 'ignore',
    timeout: INSTALL_TIMEOUT_MS,
  });
  return electronBinary();
}

/** Newest modification time of the files under `dirs` (0 when none). */
function newestMtime(dirs) {
  let newest = 0;
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile())
        newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Runs `electron-vite build` when `output` is missing or older than the sources. */
function ensureBuilt(output, sourceDirs) {
  const outputPath = path.join(root, output);
  const sources = sourceDirs.map((dir) => path.join(root, dir));
  if (fs.existsSync(outputPath) && fs.statSync(outputPath).mtimeMs >= newestMtime(sources)) return;
  console.log('Building the app (electron-vite build)...');
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(result.status ?? 1);
  }
}

/** The browser host's data folder: $XDG_DATA_HOME/paper-desk or ~/.local/share/paper-desk. */
function userDataDir() {
  if (process.env.PAPER_DESK_DATA_DIR) return process.env.PAPER_DESK_DATA_DIR;
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'paper-desk');
}

/** Runs `command` in the foreground; Ctrl-C and SIGTERM stop it, and this script exits with it. */
function runForeground(command, args) {
  // Its own process group: the terminal's Ctrl-C reaches only this script, which forwards it once.
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: true });
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGHUP', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
}

const ALL_SOURCES = ['electron', 'shared', 'mock-exchange', 'renderer'];
const binary = electronBinary() ?? tryInstallElectron();
if (binary) {
  ensureBuilt('out/main/index.js', ALL_SOURCES);
  runForeground(binary, ['.', ...process.argv.slice(2)]);
} else {
  console.log(
    'No Electron binary on this machine (it cannot be downloaded here): starting the browser host instead.',
  );
  ensureBuilt('out/renderer/index.html', ['renderer', 'shared']);
  runForeground(process.execPath, [
    '--import',
    'tsx',
    path.join(root, 'electron', 'hosts', 'browser', 'cli.ts'),
    '--port',
    '0',
    '--data',
    userDataDir(),
    ...process.argv.slice(2),
  ]);
}

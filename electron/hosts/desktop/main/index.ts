/** Electron entry: binds the real `electron` module and the core to the app wiring. */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { createCore } from '../../../core/index';
import { startDesktopApp } from './desktop-app';

const outDir = path.resolve(import.meta.dirname, '..');

// End-to-end tests run the app on their own data directory and their own exchange.
if (process.env.PAPER_DESK_DATA_DIR) app.setPath('userData', process.env.PAPER_DESK_DATA_DIR);
const paperExchange = process.env.PAPER_DESK_EXCHANGE
  ? (JSON.parse(process.env.PAPER_DESK_EXCHANGE) as { url: string; token: string; login: string })
  : undefined;

void startDesktopApp(
  { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, utilityProcess },
  {
    createCore,
    rendererDir: path.join(outDir, 'renderer'),
    preloadPath: path.join(outDir, 'preload', 'index.cjs'),
    exchangeScript: path.join(import.meta.dirname, 'exchange.js'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    ...(paperExchange ? { paperExchange } : {}),
  },
);

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
  utilityProcess,
} from 'electron';
import { createCore } from '../core/index';
import { startDesktopApp } from './desktop-app';

const outDir = path.resolve(import.meta.dirname, '..');

void startDesktopApp(
  { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, utilityProcess },
  {
    createCore,
    rendererDir: path.join(outDir, 'renderer'),
    preloadPath: path.join(outDir, 'preload', 'index.cjs'),
    exchangeScript: path.join(import.meta.dirname, 'exchange.js'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  },
);

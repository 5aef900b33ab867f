/** Sandboxed preload: exposes the contract-generated `api` to the renderer. */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './api';

contextBridge.exposeInMainWorld('api', createPreloadApi(ipcRenderer));

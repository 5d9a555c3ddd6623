// Sandboxed preload, bundled into one CommonJS file: exposes only the contract's methods and change events.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('verdict', createBridge(ipcRenderer));

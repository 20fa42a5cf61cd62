/**
 * The one API object the renderer uses. Inside Electron the preload has put `window.footfall`
 * (IPC); served by `footfall serve` in a browser there is no preload, so the same FootfallApi is
 * built over HTTP + WebSocket. Both come from `buildApi`, so pages cannot tell the difference.
 */
import type { FootfallApi } from '../../shared/client';
import { createHttpApi } from './http-api';

let api: FootfallApi | null = null;

export function getApi(): FootfallApi {
  api ??= window.footfall ?? createHttpApi(window.location);
  return api;
}

/** 'ipc' inside Electron, 'http' in a browser. */
export function transportKind(): 'ipc' | 'http' {
  return window.footfall ? 'ipc' : 'http';
}

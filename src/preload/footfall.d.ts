import type { FootfallApi } from '../shared/client';

declare global {
  interface Window {
    /** Present inside Electron (set by the preload); absent when served by `footfall serve`. */
    readonly footfall?: FootfallApi;
  }
}

export {};

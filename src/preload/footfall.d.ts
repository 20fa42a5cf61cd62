import type { FootfallApi } from '../shared/client';
import type { DesktopBridge } from '../shared/desktop';

declare global {
  interface Window {
    /**
     * Present inside Electron (set by the preload): the contract, plus the desktop's native
     * dialogs (`dialog`). Absent when served by `footfall serve`.
     */
    readonly footfall?: FootfallApi & Partial<DesktopBridge>;
  }
}

export {};

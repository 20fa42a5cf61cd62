/** Live state fed only by pushed events (never polled). */
import { create } from 'zustand';
import type { FootfallApi } from '../../../shared/client';
import type { EngineStatusEvent, LiveCountsEvent, LiveFrameEvent, LivePreviewEvent } from '../../../shared/dto';
import { applyCameraHealth } from './health';

interface LiveState {
  counts: Record<string, LiveCountsEvent>;
  frames: Record<string, LiveFrameEvent>;
  previews: Record<string, LivePreviewEvent>;
  engine: EngineStatusEvent | null;
}

export const useLive = create<LiveState>()(() => ({ counts: {}, frames: {}, previews: {}, engine: null }));

/** Subscribes the store to every live event; returns the unsubscribe for the app's cleanup. */
export function attachLiveEvents(api: FootfallApi): () => void {
  const offs = [
    api.on('live:counts', (e) => useLive.setState((s) => ({ counts: { ...s.counts, [e.cameraId]: e } }))),
    api.on('live:frame', (e) => useLive.setState((s) => ({ frames: { ...s.frames, [e.cameraId]: e } }))),
    api.on('live:preview', (e) => useLive.setState((s) => ({ previews: { ...s.previews, [e.cameraId]: e } }))),
    api.on('engine:status', (e) => useLive.setState({ engine: e })),
    api.on('health:camera', applyCameraHealth),
  ];
  return () => offs.forEach((off) => off());
}

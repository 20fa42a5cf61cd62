/**
 * Live state: an initial `live:snapshot` so a freshly opened page is not blank, then pushed
 * events only (never polled).
 */
import { create } from 'zustand';
import type { FootfallApi } from '../../../shared/client';
import type { CameraHealthDto, EngineStatusEvent, LiveCountsEvent, LiveFrameEvent, LivePreviewEvent } from '../../../shared/dto';
import type { LiveSnapshotDto } from '../../../shared/dto-cameras';
import { applyCameraHealth } from './health';

interface LiveState {
  counts: Record<string, LiveCountsEvent>;
  frames: Record<string, LiveFrameEvent>;
  previews: Record<string, LivePreviewEvent>;
  health: Record<string, CameraHealthDto>;
  /** When this page last received a picture or boxes of each camera (its own clock: Date.now()). */
  receivedAt: Record<string, number>;
  engine: EngineStatusEvent | null;
}

export const useLive = create<LiveState>()(() => ({ counts: {}, frames: {}, previews: {}, health: {}, receivedAt: {}, engine: null }));

/** The page is cut off from the engine (the socket dropped, or the engine is restarting). */
export function isOffline(engine: EngineStatusEvent | null): boolean {
  return engine !== null && engine.state !== 'running';
}

/** Keeps whichever is newer: a pushed event that overtook the snapshot request wins. */
function newer<T extends { at: string }>(current: T | undefined, candidate: T | null): T | undefined {
  if (!candidate) return current;
  return current && current.at > candidate.at ? current : candidate;
}

function newerHealth(current: CameraHealthDto | undefined, candidate: CameraHealthDto): CameraHealthDto {
  return current && (current.sampledAt ?? '') > (candidate.sampledAt ?? '') ? current : candidate;
}

export function applyLiveSnapshot(snapshot: LiveSnapshotDto): void {
  useLive.setState((s) => {
    const counts = { ...s.counts };
    const frames = { ...s.frames };
    const previews = { ...s.previews };
    const health = { ...s.health };
    for (const c of snapshot.cameras) {
      const id = c.cameraId;
      const count = newer(counts[id], c.counts);
      const frame = newer(frames[id], c.frame);
      const preview = newer(previews[id], c.preview);
      if (count) counts[id] = count;
      if (frame) frames[id] = frame;
      if (preview) previews[id] = preview;
      health[id] = newerHealth(health[id], c.health);
    }
    return { counts, frames, previews, health };
  });
}

/** Subscribes the store to every live event; returns the unsubscribe for the app's cleanup. */
export function attachLiveEvents(api: FootfallApi): () => void {
  const offs = [
    api.on('live:counts', (e) => useLive.setState((s) => ({ counts: { ...s.counts, [e.cameraId]: e } }))),
    api.on('live:frame', (e) => useLive.setState((s) => ({ frames: { ...s.frames, [e.cameraId]: e }, receivedAt: { ...s.receivedAt, [e.cameraId]: Date.now() } }))),
    api.on('live:preview', (e) => useLive.setState((s) => ({ previews: { ...s.previews, [e.cameraId]: e }, receivedAt: { ...s.receivedAt, [e.cameraId]: Date.now() } }))),
    api.on('engine:status', (e) => useLive.setState({ engine: e })),
    api.on('health:camera', (e) => {
      useLive.setState((s) => ({ health: { ...s.health, [e.cameraId]: e } }));
      applyCameraHealth(e);
    }),
  ];
  return () => offs.forEach((off) => off());
}

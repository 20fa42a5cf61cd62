/** The running cameras as the performance sampler sees them (CameraManager's additive hooks). */
import type { CameraManager } from '../cameras/camera-manager';
import type { SampledCameras } from './performance-sampler';

export function camerasFeed(manager: Pick<CameraManager, 'observeOutcomes' | 'running'>): SampledCameras {
  return {
    observeOutcomes: (listener) => manager.observeOutcomes(listener),
    counters: () =>
      manager.running.map((rt) => {
        const h = rt.health();
        // Drops as the Health table counts them: the capture queue's and frames without a processor.
        return { cameraId: rt.cameraId, dropped: h.droppedFrames ?? 0, provider: rt.figures().provider };
      }),
  };
}

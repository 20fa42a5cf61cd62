import type { RgbFrame } from '../vision/detections';
import type { FrameDetector } from '../vision/frame-detector';

/**
 * A detector that also measures what each call cost: wall latency of the model and the process's
 * CPU time (user + system, every onnxruntime thread included) over the call. CPU time is what an
 * experiment prices (cost per 1000 frames); it is exact when only one model runs at a time
 * (offline runs are sequential) and an upper bound when a live baseline runs alongside.
 */
export class MeteredDetector<D extends FrameDetector = FrameDetector> implements FrameDetector {
  lastCpuMs = 0;
  lastInferMs = 0;

  constructor(readonly inner: D) {}

  get info(): D['info'] {
    return this.inner.info;
  }

  async detect(frame: RgbFrame): ReturnType<FrameDetector['detect']> {
    const c0 = process.cpuUsage();
    const result = await this.inner.detect(frame);
    const c = process.cpuUsage(c0);
    this.lastCpuMs = (c.user + c.system) / 1000;
    this.lastInferMs = result.ms.infer;
    return result;
  }
}

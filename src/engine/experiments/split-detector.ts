import type { ExperimentGroup } from '../../shared/enums';
import type { RgbFrame } from '../vision/detections';
import type { FrameDetector } from '../vision/frame-detector';
import type { MeteredDetector } from './metered-detector';

/**
 * An ab split inside one frame path: each frame is detected by the arm assigned to it, and the one
 * tracker and line counter downstream count what that arm saw — the challenger serves real counts
 * for its share. Frame size and box pixels are the baseline's (the capture's); a challenger with
 * another input size letterboxes the frame itself and answers in the frame's pixels.
 */
export class SplitDetector<D extends FrameDetector = FrameDetector> implements FrameDetector {
  /** The arm that detected the last frame (read by whoever attributes its crossings). */
  lastArm: ExperimentGroup = 'baseline';

  constructor(
    private readonly arms: Record<ExperimentGroup, MeteredDetector<D>>,
    private readonly armOf: (frame: RgbFrame) => ExperimentGroup,
  ) {}

  get info(): D['info'] {
    return this.arms.baseline.info;
  }

  arm(group: ExperimentGroup): MeteredDetector<D> {
    return this.arms[group];
  }

  detect(frame: RgbFrame): ReturnType<FrameDetector['detect']> {
    this.lastArm = this.armOf(frame);
    return this.arms[this.lastArm].detect(frame);
  }
}

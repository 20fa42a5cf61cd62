import type { Detections, RgbFrame } from './detections';

/**
 * What the frame path needs of a detector: its input size (capture letterboxes to it), its class
 * names, and detect(). PersonDetector (onnxruntime) implements it; pure code depends only on this.
 */
export interface FrameDetector {
  readonly info: {
    readonly inputWidth: number;
    readonly inputHeight: number;
    readonly classNames: readonly string[];
  };
  /** Boxes in model-input pixels; `ms.infer` is the model alone, `ms.total` the whole call. */
  detect(frame: RgbFrame): Promise<{ detections: Detections; ms: { infer: number; total: number } }>;
}

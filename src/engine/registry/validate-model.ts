import { PersonDetector, type DetectorInfo } from '../inference/person-detector';
import { probeModelOutput, type OutputProbe } from './output-probe';
import { RegistryError } from './registry-error';
import type { SampleFrame } from './sample-frame';

export interface ModelCheck {
  info: DetectorInfo;
  probe: OutputProbe;
  sample: { source: string; width: number; height: number; persons: number; detectMs: number };
}

/**
 * Proves a model file will count: onnxruntime loads it through the same PersonDetector the
 * pipeline uses (input layout, output layout and class names checked there), the bytes it loaded
 * are the bytes expected, it detects on a real frame, and its raw output on that frame is finite
 * and of the decoded shape.
 */
export async function checkModelFile(path: string, bytes: Uint8Array, sha256: string, sample: SampleFrame): Promise<ModelCheck> {
  const detector = await PersonDetector.load(path, { provider: 'cpu' });
  try {
    if (detector.info.sha256 !== sha256) {
      throw new RegistryError('CHECKSUM_MISMATCH', `staged copy of the model has sha256 ${detector.info.sha256}, expected ${sha256}`);
    }
    const probe = await probeModelOutput(bytes, detector.info, sample.frame);
    const { detections, ms } = await detector.detect(sample.frame);
    return {
      info: detector.info,
      probe,
      sample: { source: sample.source, width: sample.frame.width, height: sample.frame.height, persons: detections.length, detectMs: Math.round(ms.total) },
    };
  } finally {
    await detector.dispose();
  }
}

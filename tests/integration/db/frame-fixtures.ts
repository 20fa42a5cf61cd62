import type { FrameResult } from '../../../src/engine/db/result-rows';

export const MODEL_ID = 'yolov8n';

/**
 * A realistic frame: `people` detections with a track each, and a line crossing every
 * `crossEvery` frames. Boxes are fractional like the detector's output.
 */
export function makeFrame(cameraId: string, frameIndex: number, at: Date, people = 4, crossEvery = 5): FrameResult {
  const inferenceId = `${cameraId}:${frameIndex}`;
  const createdAt = at.toISOString();
  const detections = Array.from({ length: people }, (_, i) => ({
    detectionId: `${inferenceId}:d${i}`,
    objectClass: 'person',
    confidenceScore: 0.55 + i * 0.1,
    bboxX: 100.4 + i * 80,
    bboxY: 50.6,
    bboxWidth: 60.2,
    bboxHeight: 170.7,
    objectAttributes: i === 0 ? { clothing: 'red jacket' } : null,
  }));
  return {
    inference: {
      inferenceId,
      modelId: MODEL_ID,
      modelVersion: '1.0.0',
      inputTimestamp: createdAt,
      inferenceResults: { people, classes: ['person'] },
      confidenceScores: detections.map((d) => d.confidenceScore),
      processingTimeMs: 14.6,
      resultQualityScore: 0.8,
      createdAt,
      cameraId,
      frameIndex,
    },
    detections,
    tracks: detections.map((d, i) => ({
      trackId: `${cameraId}:t${i}`,
      detectionId: d.detectionId,
      trackingConfidence: 0.9,
      positionX: d.bboxX + d.bboxWidth / 2,
      positionY: d.bboxY + d.bboxHeight,
      velocityX: 2.5,
      velocityY: -0.5,
      speed: 2.55,
      trackAgeFrames: frameIndex,
      trajectoryPoints: [{ x: d.bboxX, y: d.bboxY, timestamp: createdAt }],
    })),
    counts:
      frameIndex % crossEvery === 0 && people > 0
        ? [
            {
              countingEventId: `${inferenceId}:cross`,
              eventType: 'cross_line',
              direction: frameIndex % (2 * crossEvery) === 0 ? 'in' : 'out',
              trackId: `${cameraId}:t0`,
              detectionId: `${inferenceId}:d0`,
              entryPoint: { x: 120, y: 200 },
              lineId: 1,
              eventConfidence: 0.9,
            },
          ]
        : [],
  };
}

export function rowsOf(frame: FrameResult): number {
  return 1 + frame.detections.length + frame.tracks.length + frame.counts.length;
}

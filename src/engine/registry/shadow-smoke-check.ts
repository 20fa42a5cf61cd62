/**
 * The shadow stage's fallback when it has neither an experiment nor a recording: both versions on
 * the one sample frame, and how well their boxes agree (above SHADOW_CONFIDENCE, matched at IoU
 * 0.5). It only shows the candidate sees what production sees on one picture, so it fails only
 * below minShadowAgreement and its details say it is not evidence. Apart from stage-shadow.ts
 * because it loads detectors itself where the rest of the stage works through experiments.
 */
import type { PersonDetector } from '../inference/person-detector';
import type { ModelRef } from '../pipeline/frame-processor';
import { matchBoxes, type Box } from './box-matching';
import { loadVerifiedDetector } from './model-loader';
import type { Details } from './pipeline-config';
import { loadSampleFrame } from './sample-frame';
import { stageError, type StageResult, type StageRun } from './stage-run';

const SHADOW_CONFIDENCE = 0.25;

function boxesOf(detections: { length: number; xyxy: Float32Array; confidence: Float32Array }): Box[] {
  const out: Box[] = [];
  for (let i = 0; i < detections.length; i++) {
    if (detections.confidence[i]! < SHADOW_CONFIDENCE) continue;
    const o = i * 4;
    out.push([detections.xyxy[o]!, detections.xyxy[o + 1]!, detections.xyxy[o + 2]!, detections.xyxy[o + 3]!]);
  }
  return out;
}

export async function shadowSmokeCheck(s: StageRun, baseline: ModelRef): Promise<StageResult> {
  const opts = { provider: s.ctx.provider, intraOpThreads: s.ctx.intraOpThreads, purpose: 'shadow stage', cameraId: s.config.cameraId };
  const loaded: PersonDetector[] = [];
  try {
    const candidate = (await loadVerifiedDetector(s.ctx.db, s.modelId, s.version, opts)).detector;
    loaded.push(candidate);
    const production = (await loadVerifiedDetector(s.ctx.db, baseline.modelId, baseline.versionNumber, opts)).detector;
    loaded.push(production);
    const sample = await loadSampleFrame(s.ctx.sampleImage);
    const frames = [sample.frame];
    let candidateBoxes = 0;
    let productionBoxes = 0;
    let matched = 0;
    for (const frame of frames) {
      const a = boxesOf((await candidate.detect(frame)).detections);
      const b = boxesOf((await production.detect(frame)).detections);
      candidateBoxes += a.length;
      productionBoxes += b.length;
      matched += matchBoxes(a, b, 0.5);
    }
    const total = candidateBoxes + productionBoxes;
    const agreement = total === 0 ? 1 : Math.round(((2 * matched) / total) * 1000) / 1000;
    const details: Details = {
      evidence: 'smoke check',
      note: 'a smoke check on the sample frame, not evidence: give a recording (shadowSource) or roll out from an experiment for a real shadow comparison',
      baseline: { modelId: baseline.modelId, version: baseline.versionNumber },
      frames: frames.length,
      candidateBoxes,
      productionBoxes,
      matched,
      agreement,
      minAgreement: s.config.minShadowAgreement,
    };
    if (agreement < s.config.minShadowAgreement) {
      throw stageError('SHADOW_DISAGREEMENT', `shadow agreement ${agreement} with ${baseline.modelId} ${baseline.versionNumber} is below ${s.config.minShadowAgreement}`, details);
    }
    return { status: 'completed', details };
  } finally {
    for (const d of loaded) await d.dispose();
  }
}

/**
 * Experiment requests (issue 9). Spread into `requests` in contract.ts. `experiments:list` is in
 * contract.ts (the app shell's read side).
 */
import { z } from 'zod';
import type { ExperimentConcludeDto, ExperimentDesignDto, ExperimentRunDto, ExperimentStatusDto } from './dto-experiments';
import { DEPLOYMENT_STRATEGIES, EXPERIMENT_MODES, EXPERIMENT_SPLITS, SUCCESS_METRICS } from './enums';
import { isModelRef } from './model-ref';
import { idSchema, request } from './request-spec';

const ref = z.string().max(160).refine(isModelRef, 'a version as MODEL_ID@VERSION, e.g. yolov8n-coco@8.0.0');
const experimentId = idSchema;
const filePath = z.string().min(1).max(4096);
const line = z.strictObject({ name: z.string().min(1).max(100).default('line'), x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });

export const experimentRequests = {
  'experiments:create': request<ExperimentDesignDto>()(
    z.strictObject({
      name: z.string().min(1).max(200),
      baseline: ref,
      challenger: ref,
      mode: z.enum(EXPERIMENT_MODES),
      /** ab only (shadow sees every frame with both arms); default slot (switchback). */
      split: z.enum(EXPERIMENT_SPLITS).optional(),
      trafficPercent: z.number().int().min(1).max(99).optional(),
      minSamples: z.number().int().min(1).max(100_000_000).optional(),
      confidence: z.number().min(0.5).max(0.999).optional(),
      successMetric: z.enum(SUCCESS_METRICS).optional(),
      maxCountDifference: z.number().min(0).max(1).optional(),
      maxLatencyRatio: z.number().min(0.1).max(100).optional(),
      intervalS: z.number().min(1).max(86_400).optional(),
      slotMinutes: z.number().min(0.1).max(1440).optional(),
      burnInS: z.number().min(0).max(3600).optional(),
      cameraIds: z.array(idSchema).max(64).optional(),
      seed: z.string().min(1).max(100).optional(),
      deviceWatts: z.number().min(0).max(10_000).optional(),
      energyPricePerKwh: z.number().min(0).max(1000).optional(),
    }),
    'technician',
  ),
  'experiments:status': request<ExperimentStatusDto>()(z.strictObject({ experimentId }), 'viewer'),
  'experiments:start': request<ExperimentDesignDto>()(z.strictObject({ experimentId }), 'technician'),
  'experiments:stop': request<ExperimentDesignDto>()(z.strictObject({ experimentId, reason: z.string().max(500).optional() }), 'technician'),
  /** Runs the experiment over a recording or stream now (offline: minutes instead of days). */
  'experiments:run': request<ExperimentRunDto>()(
    z.strictObject({
      experimentId,
      source: filePath,
      lines: z.array(line).min(1).max(16),
      truthPath: filePath.optional(),
      fps: z.number().min(0.5).max(60).optional(),
      maxFrames: z.number().int().min(1).max(10_000_000).optional(),
    }),
    'technician',
  ),
  /**
   * Records the verdict; with `rollout`, a deploy_challenger verdict starts the registry's
   * deployment pipeline with the conclusion's strategy. `override` lets a technician roll out
   * against the verdict; it is recorded with its reason.
   */
  'experiments:conclude': request<ExperimentConcludeDto>()(
    z.strictObject({
      experimentId,
      rollout: z.boolean().default(false),
      strategy: z.enum(DEPLOYMENT_STRATEGIES).optional(),
      canaryCameraId: idSchema.optional(),
      override: z.strictObject({ reason: z.string().min(3).max(500) }).optional(),
      notes: z.string().max(2000).optional(),
    }),
    'technician',
  ),
} as const;

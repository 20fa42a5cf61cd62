import { z } from 'zod';
import { MODEL_TYPES, TRAINING_STATUSES } from '../../shared/enums';
import { RegistryError } from './registry-error';

/** Model ids are file- and URL-safe so they can appear in paths, branch names and CLI arguments. */
export const MODEL_ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function requireModelId(id: string): string {
  if (!MODEL_ID_RE.test(id)) {
    throw new RegistryError('MODEL_ID_INVALID', `model id "${id.slice(0, 80)}" must be 1-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit`);
  }
  return id;
}

/** A model id from a free-text name or file name. */
export function slugModelId(text: string): string {
  const slug = text.toLowerCase().replace(/\.onnx$/, '').replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '').slice(0, 64);
  return slug || 'model';
}

const jsonObject = z.record(z.string(), z.json());

/**
 * The optional JSON that travels next to a model file (`best.onnx` + `best.json`, or --sidecar).
 * Unknown keys are refused so that a typo ("licens") is a clear error, not a silently lost field.
 * See src/engine/registry/README.md for an example.
 */
export const sidecarSchema = z.strictObject({
  modelId: z.string().regex(MODEL_ID_RE, 'lowercase letters, digits, . _ -').optional(),
  name: z.string().min(1).max(200).optional(),
  type: z.enum(MODEL_TYPES).optional(),
  version: z.string().min(1).max(50).optional(),
  framework: z.string().min(1).max(50).optional(),
  description: z.string().max(20_000).optional(),
  changelog: z.string().max(20_000).optional(),
  commitHash: z.string().regex(/^[0-9a-fA-F]{7,64}$/, 'a git commit hash').optional(),
  author: z.strictObject({ name: z.string().max(200).optional(), email: z.string().max(200).optional() }).optional(),
  branch: z.string().min(1).max(32).optional(),
  parentVersion: z.string().max(50).optional(),
  trainingDataset: z.string().max(200).optional(),
  trainingMetrics: jsonObject.optional(),
  trainingDurationHours: z.number().min(0).max(1e6).optional(),
  licence: z.string().max(100).optional(),
  license: z.string().max(100).optional(),
  config: jsonObject.optional(),
  training: z
    .strictObject({
      /** results.csv or a footfall-training JSON, relative to the sidecar. */
      file: z.string().min(1).max(500),
      runId: z.string().min(1).max(100).optional(),
      totalEpochs: z.number().int().min(0).optional(),
      status: z.enum(TRAINING_STATUSES).optional(),
      args: jsonObject.optional(),
    })
    .optional(),
});

export type Sidecar = z.infer<typeof sidecarSchema>;

export function parseSidecar(text: string, what: string): Sidecar {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RegistryError('SIDECAR_INVALID', `${what} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = sidecarSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new RegistryError('SIDECAR_INVALID', `${what}: ${at}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

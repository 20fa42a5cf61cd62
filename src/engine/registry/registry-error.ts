import { AppError } from '../../shared/result';

/**
 * Stable codes for what the registry refuses. They reach the CLI, the Models page and the
 * deployment history unchanged, so they are part of the contract. Model-loading problems keep the
 * inference module's codes (MODEL_INVALID, MODEL_INPUT_UNSUPPORTED, …).
 */
export type RegistryErrorCode =
  | 'NOT_FOUND'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_EMPTY'
  | 'MODEL_TOO_LARGE'
  | 'MODEL_SYMLINK'
  | 'MODEL_PATH_OUTSIDE_ROOT'
  | 'MODEL_NOT_A_FILE'
  | 'MODEL_OUTPUT_INVALID'
  | 'MODEL_FILE_MISSING'
  | 'CHECKSUM_MISMATCH'
  | 'SIDECAR_INVALID'
  | 'TRAINING_INVALID'
  | 'TRUTH_INVALID'
  | 'VERSION_INVALID'
  | 'VERSION_EXISTS'
  | 'MODEL_ID_INVALID'
  | 'BRANCH_NOT_FOUND'
  | 'BRANCH_EXISTS'
  | 'BRANCH_NOT_ACTIVE'
  | 'REVIEW_REQUIRED'
  | 'REVIEW_REJECTED'
  | 'CAMERA_NOT_FOUND'
  | 'NO_PREVIOUS_VERSION'
  | 'PIPELINE_FAILED'
  | 'SHADOW_DISAGREEMENT'
  | 'STORE_NOT_CONFIGURED'
  /** Gated rollouts: the version failed the gate before production (evaluation, shadow verdict, canary guards) and no override was given. */
  | 'GATE_FAILED'
  /** Gated rollouts: a canary guard (errors, frames, latency, counts) was breached; the canary was rolled back. */
  | 'CANARY_GUARD_BREACHED'
  /** Gated rollouts: the canary camera is pinned to another model, so it would never run the canary. */
  | 'CANARY_CAMERA_PINNED'
  /** Gated rollouts: the experiment named as the shadow evidence did not test this version. */
  | 'SHADOW_EVIDENCE_INVALID'
  /** `models derive`: an option out of range (input size not a multiple of 32, threshold outside 0–1). */
  | 'DERIVE_INVALID'
  /** `models derive`: the model is not a graph the derivation understands (e.g. not a static YOLO export). */
  | 'DERIVE_UNSUPPORTED';

export class RegistryError extends AppError {
  declare readonly code: RegistryErrorCode;

  constructor(code: RegistryErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message);
    this.name = 'RegistryError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Code and one-line message of anything thrown (inference and registry errors keep their code). */
export function describeError(err: unknown): { code: string; message: string } {
  const code = (err as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  return {
    code: typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : 'INTERNAL',
    message: (text.split('\n')[0] ?? '').slice(0, 500),
  };
}

import { AppError } from '../../shared/result';

/**
 * Stable codes for everything that can go wrong between a model file and a list of boxes. They
 * reach the Models page, the CLI and the registry unchanged, so they are part of the contract.
 */
export type InferenceErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'MODEL_INVALID'
  | 'MODEL_INPUT_UNSUPPORTED'
  | 'MODEL_OUTPUT_UNSUPPORTED'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_INVALID'
  | 'DETECTOR_OPTIONS_INVALID'
  | 'FRAME_INVALID'
  | 'INFERENCE_FAILED'
  | 'DETECTOR_DISPOSED'
  | 'IMAGE_NOT_FOUND'
  | 'IMAGE_INVALID';

/** Extends AppError so services can forward code and message across process boundaries as-is. */
export class InferenceError extends AppError {
  declare readonly code: InferenceErrorCode;

  constructor(code: InferenceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message);
    this.name = 'InferenceError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** First line of whatever was thrown: onnxruntime messages can carry multi-line native logs. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // eslint-disable-next-line no-control-regex
  return (text.split('\n')[0] ?? '').replace(/\x1b\[[0-9;]*m/g, '').trim();
}

import { AppError } from '../../shared/result';

/** Stable codes for what experiments refuse; they reach the CLI and the Experiments page unchanged. */
export type ExperimentErrorCode =
  | 'EXPERIMENT_NOT_FOUND'
  | 'EXPERIMENT_INVALID'
  /** start/stop/run/conclude in a status that does not allow it (e.g. running a completed one). */
  | 'EXPERIMENT_STATE'
  | 'VERSION_NOT_FOUND'
  /** An ab split or a rollout needs the challenger approved in review (shadow does not). */
  | 'REVIEW_REQUIRED'
  /** A rollout against the verdict without an override. */
  | 'VERDICT_BLOCKS_ROLLOUT';

export class ExperimentError extends AppError {
  declare readonly code: ExperimentErrorCode;

  constructor(code: ExperimentErrorCode, message: string) {
    super(code, message);
    this.name = 'ExperimentError';
  }
}

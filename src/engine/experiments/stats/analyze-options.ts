/** Options both verdicts take; the defaults make a verdict reproducible from its data alone. */
export interface AnalyzeOptions {
  /** Mixing standard deviation of the sequential test (sequential-test.ts). */
  tau?: number;
  /** Bootstrap seed and size; fixed by default so the same data always give the same verdict. */
  seed?: number | string;
  resamples?: number;
}

export const DEFAULT_BOOTSTRAP_SEED = 'footfall-verdict';

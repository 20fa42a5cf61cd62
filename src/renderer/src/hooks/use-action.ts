/**
 * Runs one request that changes something (import, promote, add a camera…) and keeps its pending
 * flag and envelope error for the form that started it, so the error is shown beside the action
 * instead of only in the global banner.
 */
import { useCallback, useState } from 'react';
import type { AppErrorShape, Result } from '../../../shared/result';
import { plainPhrase } from '../plain-errors';

export interface Action<I, O> {
  pending: boolean;
  error: AppErrorShape | null;
  /** The value on success, null on failure (the error is then in `error`). */
  run(input: I): Promise<O | null>;
  reset(): void;
}

export function useAction<I, O>(call: (input: I) => Promise<Result<O>>): Action<I, O> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const run = useCallback(
    async (input: I): Promise<O | null> => {
      setPending(true);
      setError(null);
      let result: Result<O>;
      try {
        result = await call(input);
      } catch (err) {
        result = { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : 'unexpected error' } };
      }
      setPending(false);
      if (result.ok) return result.value;
      setError(result.error);
      return null;
    },
    [call],
  );

  const reset = useCallback(() => setError(null), []);
  return { pending, error, run, reset };
}

/**
 * The envelope issue at `path` or below it (`lines.0` matches `lines.0.x1`), in plain words: the
 * engine's validation text ("Too small: expected string…") never reaches a field.
 */
export function issueAt(error: AppErrorShape | null, path: string): string | null {
  const issue = error?.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`));
  return issue ? plainPhrase(issue.message) : null;
}

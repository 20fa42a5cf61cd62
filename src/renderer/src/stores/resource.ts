/**
 * A small zustand store per loaded resource: data, loading flag, last error, and load(args).
 * Stale answers (an older request finishing after a newer one) are dropped.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { FootfallApi } from '../../../shared/client';
import type { AppErrorShape, Result } from '../../../shared/result';
import { getApi } from '../api';
import { clearErrors, reportError, type ErrorContext } from './errors';

export interface ResourceState<T, A> {
  data: T | null;
  loading: boolean;
  error: AppErrorShape | null;
  load(args: A): Promise<void>;
}

export type ResourceStore<T, A> = UseBoundStore<StoreApi<ResourceState<T, A>>>;

/** `context` names the load in the banner; a function (`() => t().area.loading`) gives it in the language shown. */
export function createResourceStore<T, A = void>(
  context: ErrorContext,
  fetcher: (api: FootfallApi, args: A) => Promise<Result<T>>,
): ResourceStore<T, A> {
  let latest = 0;
  return create<ResourceState<T, A>>()((set) => ({
    data: null,
    loading: false,
    error: null,
    async load(args) {
      const seq = ++latest;
      set({ loading: true });
      let result: Result<T>;
      try {
        result = await fetcher(getApi(), args);
      } catch (err) {
        result = { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : 'unexpected error' } };
      }
      if (seq !== latest) return;
      if (result.ok) {
        set({ data: result.value, loading: false, error: null });
        clearErrors(context);
      } else {
        set({ loading: false, error: result.error });
        reportError(context, result.error);
      }
    },
  }));
}
